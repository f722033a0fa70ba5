using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.Hosting;

/// <summary>
/// <c>/health</c> (and grpc.health.v1) answer unhealthy while the event store does not answer: asks for its head
/// position within <see cref="Timeout"/>. Says so in one log line when the store stops or starts answering, not on
/// every probe, and never with a stack trace: the reason is the error's message.
/// </summary>
public sealed partial class EventStoreHealthCheck(EventStoreLocation location, IEventStore store, ILogger<EventStoreHealthCheck> logger) : IHealthCheck
{
    public const string Name = "eventstore";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private int _answering = -1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await store.ReadHeadPositionAsync(deadline.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = Reason(e);
            if (Interlocked.Exchange(ref _answering, 0) != 0)
            {
                LogUnreachable(logger, location.Where, reason);
            }

            return HealthCheckResult.Unhealthy($"the event store at {location.Where} does not answer: {reason}");
        }

        if (Interlocked.Exchange(ref _answering, 1) == 0)
        {
            LogAnswering(logger, location.Where);
        }

        return HealthCheckResult.Healthy();
    }

    private static string Reason(Exception e) => e is OperationCanceledException
        ? $"no answer within {Timeout.TotalSeconds:0} s"
        : string.Join(": ", Flatten(e).Select(x => x.Message.ReplaceLineEndings(" ")).Distinct(StringComparer.Ordinal));

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store at {DataLocation} does not answer ({Reason}); the service reports unhealthy until it does")]
    private static partial void LogUnreachable(ILogger logger, string dataLocation, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store at {DataLocation} answers; the service reports healthy")]
    private static partial void LogAnswering(ILogger logger, string dataLocation);
}
