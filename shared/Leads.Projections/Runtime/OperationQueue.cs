using System.Threading.Channels;

namespace Leads.Projections.Runtime;

/// <summary>
/// Operations (pause, resume, reset, replay parked) posted by any thread and performed by the run loop between
/// batches, so that they never race the loop's own writes. Posting wakes the loop.
/// </summary>
internal sealed class OperationQueue
{
    private readonly Channel<ProjectorCommand> _commands = Channel.CreateUnbounded<ProjectorCommand>();
    private readonly WakeUp _posted;

    public OperationQueue() => _posted = new WakeUp(() => HasPending);

    /// <summary>An operation waits for the loop.</summary>
    public bool HasPending => _commands.Reader.TryPeek(out _);

    /// <summary>Completes when an operation is posted (at once while one waits).</summary>
    public Task PostedAsync() => _posted.WaitAsync();

    /// <summary>Queues an operation and completes with its result once the loop has performed it.</summary>
    public async Task<int> PostAsync(ProjectorCommand command, CancellationToken cancellationToken)
    {
        _commands.Writer.TryWrite(command);
        _posted.Set();
        return await command.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public bool TryTake(out ProjectorCommand command) => _commands.Reader.TryRead(out command!);
}
