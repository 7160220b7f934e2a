using System.Runtime.InteropServices;
using FlashTrader.Core.Control;

namespace FlashTrader.Control;

/// <summary>
/// SIGUSR1 is the kill switch. PosixSignal names only the signals .NET abstracts over, but PosixSignalRegistration
/// takes any raw signal number cast to PosixSignal (documented on PosixSignalRegistration.Create); SIGUSR1 is 10 on
/// Linux and 30 on macOS. Cancelling the signal's default action keeps the process alive (SIGUSR1 would terminate it).
/// </summary>
public static class KillSignal
{
    public static PosixSignal Number => (PosixSignal)(OperatingSystem.IsMacOS() ? 30 : 10);

    /// <summary>Registers the handler; null on Windows, which has no SIGUSR1.</summary>
    public static PosixSignalRegistration? Register(ControlInbox inbox)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        return PosixSignalRegistration.Create(Number, context =>
        {
            context.Cancel = true;
            inbox.Submit(new ControlCommand(ControlAction.KillSwitch, "SIGUSR1"));
        });
    }
}
