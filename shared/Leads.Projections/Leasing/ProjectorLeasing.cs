using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Leasing;

/// <summary>
/// Runs each projector only while this process holds its lease: a standby polls until the lease is free or expired,
/// then runs the projector from its stored checkpoint and renews the lease; when a renewal finds another holder, or no
/// renewal succeeded for a whole lease duration (the store unreachable), it stops the projector and stands by again.
/// Two holders can overlap only by a paused process's last batch, which the position-guarded writes make harmless.
/// </summary>
public sealed class ProjectorLeasing(IProjectorLease lease, ProjectorLeaseOptions options, ILogger<ProjectorLeasing> logger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    public string Owner { get; } = options.OwnerOrDefault;

    /// <summary>True while this process holds the projection's lease (its projector runs and answers ops).</summary>
    public bool Holds(string projection) => _held.TryGetValue(projection, out var held) && held;

    /// <summary>Stands by, runs while holding the lease, stands by again when it is lost; until cancelled.</summary>
    public async Task RunAsync(IProjector projector, CancellationToken stoppingToken)
    {
        logger.LogInformation("Projection {Projection}: {Owner} standing by for the lease", projector.Name, Owner);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var acquiredAt = _clock.GetTimestamp();
                if (!await TryAcquireAsync(projector.Name, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(options.RenewInterval, _clock, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                _held[projector.Name] = true;
                logger.LogInformation("Projection {Projection}: {Owner} holds the lease and runs it", projector.Name, Owner);
                await RunWhileHeldAsync(projector, acquiredAt, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Gives up every lease this process holds (after the host published the final status).</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (projection, held) in _held)
        {
            if (!held)
            {
                continue;
            }

            _held[projection] = false;
            try
            {
                await lease.ReleaseAsync(projection, Owner, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Projection {Projection}: {Owner} released the lease", projection, Owner);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Projection {Projection}: cannot release the lease; a standby takes it when it expires", projection);
            }
        }
    }

    private async Task RunWhileHeldAsync(IProjector projector, long renewedAt, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var run = projector.RunAsync(lost.Token);
        while (!run.IsCompleted)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewDue = Task.Delay(options.RenewInterval, _clock, tick.Token);
            await Task.WhenAny(run, renewDue).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
            if (run.IsCompleted || stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var started = _clock.GetTimestamp();
            bool? renewed;
            try
            {
                renewed = await lease.TryAcquireAsync(projector.Name, Owner, options.Duration, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Projection {Projection}: cannot renew the lease", projector.Name);
                renewed = null;
            }

            if (renewed == true)
            {
                renewedAt = started;
                continue;
            }

            if (renewed == false || _clock.GetElapsedTime(renewedAt) >= options.Duration)
            {
                logger.LogWarning("Projection {Projection}: {Owner} lost the lease; stopping and standing by", projector.Name, Owner);
                _held[projector.Name] = false;
                await lost.CancelAsync().ConfigureAwait(false);
            }
        }

        await run.ConfigureAwait(false);
    }

    private async Task<bool> TryAcquireAsync(string projection, CancellationToken cancellationToken)
    {
        try
        {
            return await lease.TryAcquireAsync(projection, Owner, options.Duration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Projection {Projection}: cannot read the lease; retrying", projection);
            return false;
        }
    }
}
