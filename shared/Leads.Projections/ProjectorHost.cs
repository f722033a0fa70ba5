using Leads.Projections.Leasing;
using Leads.Projections.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leads.Projections;

/// <summary>
/// Runs projectors in a host: each projector's loop, plus the control plane (requests polled and acknowledged,
/// status rows published with a heartbeat) so that ops in another process can see and steer them. With
/// <see cref="ProjectorLeasing"/> registered, a projector runs (and answers ops) only while this process holds its lease.
/// </summary>
public sealed class ProjectorHost(
    IEnumerable<IProjector> projectors,
    IProjectionControl control,
    ProjectorHostOptions options,
    ILogger<ProjectorHost> logger,
    TimeProvider? clock = null,
    ProjectorLeasing? leasing = null) : BackgroundService
{
    private readonly IReadOnlyList<IProjector> _projectors = [.. projectors];
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = _projectors.Select(p => leasing is null ? p.RunAsync(stoppingToken) : leasing.RunAsync(p, stoppingToken)).ToList();
        var lastStatus = long.MinValue;
        using var timer = new PeriodicTimer(options.ControlPollInterval, _clock);
        try
        {
            do
            {
                foreach (var projector in _projectors.Where(IsActive))
                {
                    await ServeRequestsAsync(projector, stoppingToken).ConfigureAwait(false);
                }

                if (lastStatus == long.MinValue || _clock.GetElapsedTime(lastStatus) >= options.StatusInterval)
                {
                    lastStatus = _clock.GetTimestamp();
                    foreach (var projector in _projectors.Where(IsActive))
                    {
                        await PublishStatusAsync(projector, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
        foreach (var projector in _projectors.Where(IsActive))
        {
            await PublishStatusAsync(projector, CancellationToken.None).ConfigureAwait(false);
        }

        if (leasing is not null)
        {
            await leasing.ReleaseAllAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A standby (another process holds the lease) neither publishes status nor serves requests.</summary>
    private bool IsActive(IProjector projector) => leasing?.Holds(projector.Name) ?? true;

    private async Task ServeRequestsAsync(IProjector projector, CancellationToken cancellationToken)
    {
        IReadOnlyList<ControlRequest> pending;
        try
        {
            pending = await control.ReadPendingAsync(projector.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Projection {Projection}: cannot read control requests", projector.Name);
            return;
        }

        foreach (var request in pending)
        {
            logger.LogInformation("Projection {Projection}: performing {RequestId} {Action}", projector.Name, request.RequestId, request.Action);
            bool succeeded;
            string? result;
            try
            {
                var count = request.Action switch
                {
                    ControlAction.Pause => await Done(projector.PauseAsync(cancellationToken)).ConfigureAwait(false),
                    ControlAction.Resume => await Done(projector.ResumeAsync(cancellationToken)).ConfigureAwait(false),
                    ControlAction.Reset r => await Done(projector.ResetAsync(r.From, cancellationToken)).ConfigureAwait(false),
                    ControlAction.ReplayParked p => await projector.ReplayParkedAsync(p.StreamId, cancellationToken).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"Unknown control action {request.Action}"),
                };
                (succeeded, result) = (true, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (succeeded, result) = (false, ex.Message);
            }

            await control.AcknowledgeAsync(request.RequestId, succeeded, result, cancellationToken).ConfigureAwait(false);
            await PublishStatusAsync(projector, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> Done(Task operation)
    {
        await operation.ConfigureAwait(false);
        return 0;
    }

    private async Task PublishStatusAsync(IProjector projector, CancellationToken cancellationToken)
    {
        try
        {
            var status = await projector.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
            ProjectionTelemetry.Observe(status);
            await control.PublishStatusAsync(status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Projection {Projection}: cannot publish its status", projector.Name);
        }
    }
}
