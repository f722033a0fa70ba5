using Leads.EventStore;

namespace Leads.Projections.Runtime;

/// <summary>Callers waiting for the committed checkpoint to reach a position (read-your-writes in-process).</summary>
internal sealed class PositionWaiters
{
    private readonly Lock _gate = new();
    private readonly List<(GlobalPosition Position, TaskCompletionSource Done)> _waiting = [];
    private GlobalPosition? _committed;

    public GlobalPosition? Committed
    {
        get
        {
            lock (_gate)
            {
                return _committed;
            }
        }
    }

    public void Advance(GlobalPosition? committed)
    {
        List<TaskCompletionSource> release = [];
        lock (_gate)
        {
            _committed = committed;
            if (committed is not { } c)
            {
                return;
            }

            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Position <= c)
                {
                    release.Add(_waiting[i].Done);
                    _waiting.RemoveAt(i);
                }
            }
        }

        foreach (var done in release)
        {
            done.TrySetResult();
        }
    }

    public async Task WaitAsync(GlobalPosition position, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (position <= GlobalPosition.Start || (_committed is { } c && c >= position))
            {
                return;
            }

            _waiting.Add((position, done));
        }

        try
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiting.RemoveAll(w => ReferenceEquals(w.Done, done));
            }
        }
    }
}
