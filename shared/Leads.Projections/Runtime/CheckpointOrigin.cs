using Leads.EventStore;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Runtime;

/// <summary>
/// Keeps a projection to the event store it was built from (<see cref="ICheckpointOrigins"/>): before the projector
/// follows a checkpoint, the store it reads must be the one recorded; a reset from the start records the store it reads.
/// Without a recorded store (a first start, or data built before origins were kept) the current one is recorded.
/// </summary>
internal sealed class CheckpointOrigin(string projection, IEventStore events, ICheckpointOrigins? origins, ILogger logger)
{
    /// <summary>Throws <see cref="ForeignCheckpointException"/> when <paramref name="checkpoint"/> belongs to another store.</summary>
    public async Task CheckAsync(GlobalPosition? checkpoint, CancellationToken cancellationToken)
    {
        if (origins is null)
        {
            return;
        }

        var current = await events.ReadStoreIdAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await origins.ReadAsync(projection, cancellationToken).ConfigureAwait(false);
        if (recorded == current)
        {
            return;
        }

        if (recorded is not null && checkpoint is { } foreign)
        {
            throw new ForeignCheckpointException(projection, recorded, current, foreign);
        }

        logger.LogInformation("Projection {Projection}: built from event store {Store} from now on", projection, current);
        await origins.RecordAsync(projection, current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After everything was deleted: what is built from now on comes from the store read now.</summary>
    public async Task RecordCurrentAsync(CancellationToken cancellationToken)
    {
        if (origins is not null)
        {
            await origins.RecordAsync(projection, await events.ReadStoreIdAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }
}
