using Grpc.Core;
using Leads.Projections;

namespace Leads.QueryService.ProjectionOps;

/// <summary>
/// Waits for projectors (other processes) to acknowledge control requests, polling the control plane, for at most
/// <see cref="MaxWait"/> or until shortly before the caller's deadline. What is still pending then is reported as such.
/// </summary>
internal sealed class RequestAcknowledgements(TimeProvider clock)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromMilliseconds(100);

    public async Task<IReadOnlyList<ControlRequest>> WaitAsync(IProjectionControl control, IReadOnlyList<ControlRequest> requests, ServerCallContext context)
    {
        var budget = MaxWait;
        if (context.Deadline != DateTime.MaxValue)
        {
            var left = context.Deadline - clock.GetUtcNow().UtcDateTime - AnswerMargin;
            budget = left < budget ? left : budget;
        }

        var current = requests.ToList();
        var started = clock.GetTimestamp();
        while (true)
        {
            for (var i = 0; i < current.Count; i++)
            {
                if (current[i].AcknowledgedAt is null
                    && await control.ReadRequestAsync(current[i].RequestId, context.CancellationToken).ConfigureAwait(false) is { } latest)
                {
                    current[i] = latest;
                }
            }

            if (current.All(r => r.AcknowledgedAt is not null) || clock.GetElapsedTime(started) >= budget)
            {
                return current;
            }

            await Task.Delay(PollInterval, clock, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
