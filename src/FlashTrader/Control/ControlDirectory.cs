using System.Globalization;
using FlashTrader.Core.Control;

namespace FlashTrader.Control;

/// <summary>
/// The local control endpoint: files in <c>&lt;DataDirectory&gt;/control</c>. A running instance writes its process id
/// to <c>flashtrader.pid</c> and takes in every <c>*.command</c> file (one action name per file) within a poll
/// interval, deleting it once the command is in the control inbox: a deleted file is the acknowledgement. Files need
/// no dashboard, no port and no socket cleanup, and work from any shell or container sharing the data directory.
/// </summary>
public sealed class ControlDirectory(string dataDirectory)
{
    public const string Extension = ".command";

    private static readonly Dictionary<string, ControlAction> Actions = new(StringComparer.Ordinal)
    {
        ["kill"] = ControlAction.KillSwitch,
        ["pause"] = ControlAction.PauseEntries,
        ["resume"] = ControlAction.ResumeEntries,
        ["reset-breakers"] = ControlAction.ResetBreakers,
    };

    public static IReadOnlyCollection<string> ActionNames => Actions.Keys;

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, "control"));

    public string PidFile => System.IO.Path.Combine(Path, "flashtrader.pid");

    public static ControlAction Parse(string name) =>
        Actions.TryGetValue(name.Trim(), out ControlAction action) ? action : ControlAction.None;

    /// <summary>Marks this process as the running instance.</summary>
    public void Claim()
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    public void Release()
    {
        try
        {
            if (File.Exists(PidFile) && File.ReadAllText(PidFile).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            {
                File.Delete(PidFile);
            }
        }
        catch (IOException)
        {
            // A pid file left behind names a dead process: the kill command recognises that.
        }
    }

    /// <summary>The running instance's process id, or null when none is running on this data directory.</summary>
    public int? RunningInstance()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null; // no such process: a stale pid file from a killed run
        }
    }

    /// <summary>Drops a command for the instance, atomically (written aside, then renamed); returns the file to watch.</summary>
    public string Send(string actionName)
    {
        Directory.CreateDirectory(Path);
        string name = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        string temp = System.IO.Path.Combine(Path, name + ".tmp");
        string final = System.IO.Path.Combine(Path, name + Extension);
        File.WriteAllText(temp, actionName + "\n");
        File.Move(temp, final);
        return final;
    }

    /// <summary>Commands waiting, oldest first.</summary>
    public IEnumerable<string> Pending() =>
        Directory.Exists(Path) ? Directory.EnumerateFiles(Path, "*" + Extension).Order(StringComparer.Ordinal) : [];
}
