using System.Runtime.InteropServices;

namespace FlashTrader.Sources;

/// <summary>
/// Sleeps the calling thread for a fraction of a millisecond where the OS allows it: Thread.Sleep counts whole
/// milliseconds (and oversleeps by about one), while Linux's usleep (nanosleep) wakes within ~60 µs of the time asked.
/// Elsewhere a stretch shorter than a millisecond is not slept at all (the caller spins it).
/// </summary>
internal static class PreciseSleep
{
    /// <summary>Sleeps at most <paramref name="seconds"/>; false when the OS cannot sleep that short.</summary>
    public static bool Sleep(double seconds)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = usleep((uint)(seconds * 1e6));
            return true;
        }

        if (seconds >= 0.001)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Floor(seconds * 1000)));
            return true;
        }

        return false;
    }

    // A blittable signature: DllImport needs no generated marshalling (LibraryImport would need unsafe code enabled).
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = false)]
    private static extern int usleep(uint microseconds);
#pragma warning restore SYSLIB1054
}
