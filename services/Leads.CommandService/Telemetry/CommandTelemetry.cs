using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Leads.CommandService.Telemetry;

/// <summary>The service's own spans (one per command) and metrics (commands by outcome, their latency).</summary>
public static class CommandTelemetry
{
    public const string SourceName = "Leads.CommandService";

    public static ActivitySource Source { get; } = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "leads.commands", unit: "{command}", description: "Commands handled, by RPC and outcome");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "leads.command.duration", unit: "s", description: "Time to handle a command, including retries");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "leads.command.retries", unit: "{retry}", description: "Read-decide-append loops repeated after a concurrent append");

    public static void Handled(string rpc, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "rpc", rpc }, { "outcome", outcome } };
        Commands.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    public static void Retried(string rpc) => Retries.Add(1, new KeyValuePair<string, object?>("rpc", rpc));
}
