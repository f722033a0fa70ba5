using System.Runtime.InteropServices;

namespace Leads.Benchmarks;

internal static class Machine
{
    public static object Describe() => new
    {
        cores = Environment.ProcessorCount,
        memory_bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        dotnet = RuntimeInformation.FrameworkDescription,
        os = RuntimeInformation.OSDescription,
    };
}
