using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>Starts two service processes side by side (start-up is mostly JIT, one core each); if either fails, neither is left running.</summary>
internal static class StartTogether
{
    public static async Task<(ServiceProcess First, ServiceProcess Second)> StartAsync(
        (string Project, IReadOnlyDictionary<string, string> Settings) first,
        (string Project, IReadOnlyDictionary<string, string> Settings) second,
        CancellationToken ct)
    {
        var a = ServiceProcess.StartAsync(first.Project, first.Settings, cancellationToken: ct);
        var b = ServiceProcess.StartAsync(second.Project, second.Settings, cancellationToken: ct);
        try
        {
            await Task.WhenAll(a, b);
        }
        catch
        {
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return (a.Result, b.Result);
    }
}
