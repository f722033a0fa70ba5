using System.Globalization;

namespace Leads.Benchmarks;

internal static class PeakMemory
{
    /// <summary>A process's peak resident set (VmHWM) in MB, from /proc; null where /proc is not there.</summary>
    public static double? Megabytes(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        return Math.Round(kb / 1024.0, 1);
    }

    /// <summary>
    /// What a process holds resident now, split as /proc reports it: its own memory (heap, stacks: RssAnon) and pages
    /// of files it maps (RssFile: the Lucene index, SQLite's shared memory), which the kernel shares and can drop. The peak
    /// (VmHWM) counts both, so this says which one a high peak was.
    /// </summary>
    public static object? ResidentNow(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        double? Field(string name)
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            return line is null
                ? null
                : Math.Round(long.Parse(line[(name.Length + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0, 1);
        }

        return new { own_mb = Field("RssAnon"), mapped_files_mb = Field("RssFile"), shared_memory_mb = Field("RssShmem") };
    }
}
