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
}
