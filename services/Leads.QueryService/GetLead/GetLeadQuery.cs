using System.Globalization;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Projections;
using Leads.QueryService.Grpc;
using Leads.ServiceDefaults;
using Leads.Views;

namespace Leads.QueryService.GetLead;

/// <summary>
/// A lead's current view. With <c>min_position</c> (a command reply's position) it first waits, within the call's
/// deadline (<see cref="DefaultWait"/> when the caller set none), until the view projector has committed that
/// position: read-your-writes across processes. Past the deadline: Unavailable, saying how far behind the view is.
/// </summary>
internal sealed class GetLeadQuery(ILeadViewStore views, CheckpointWatch watch, TimeProvider clock)
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    // Answer before the caller's deadline so that it gets our Unavailable, not its own DeadlineExceeded: a tenth of
    // what is left, at least 50 ms and at most 500 ms, so that a busy machine still has time to read the checkpoint and answer.
    private static readonly TimeSpan MinAnswerMargin = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxAnswerMargin = TimeSpan.FromMilliseconds(500);

    public async Task<Contracts.V1.LeadView> RunAsync(GetLeadRequest request, ServerCallContext context)
    {
        RpcErrors.ThrowIfInvalidLeadId(request.LeadId);
        if (request.HasMinPosition)
        {
            await WaitForPositionAsync(request.MinPosition, context).ConfigureAwait(false);
        }

        var view = await views.GetLeadAsync(request.LeadId, context.CancellationToken).ConfigureAwait(false);
        return view is { Exists: true } ? view.ToProto() : throw RpcErrors.LeadNotFound(request.LeadId);
    }

    private async Task WaitForPositionAsync(ulong minPosition, ServerCallContext context)
    {
        // The server's default deadline (Limits:DefaultDeadline) is not the caller's choice: wait DefaultWait then.
        var budget = WaitBudget(DefaultDeadline.WasApplied(context.GetHttpContext()) ? DateTime.MaxValue : context.Deadline);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            await watch.WaitForAsync(minPosition, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            var checkpoint = await watch.ReadAsync(context.CancellationToken).ConfigureAwait(false);
            var at = checkpoint?.Value ?? 0;
            throw RpcErrors.Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"the lead views have reached position {at}, {minPosition - Math.Min(at, minPosition)} behind min_position {minPosition}, after waiting {budget.TotalMilliseconds:0} ms; retry later"));
        }
    }

    private TimeSpan WaitBudget(DateTime deadline)
    {
        if (deadline == DateTime.MaxValue)
        {
            return DefaultWait;
        }

        var remaining = deadline - clock.GetUtcNow().UtcDateTime;
        var margin = TimeSpan.FromTicks(Math.Clamp(remaining.Ticks / 10, MinAnswerMargin.Ticks, MaxAnswerMargin.Ticks));
        var left = remaining - margin;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
