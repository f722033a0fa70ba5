using System.Threading.Channels;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Projections.Tests.Runtime;

/// <summary>The projector's collaborators, each on its own.</summary>
public sealed class RuntimePartsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wake_up_completes_when_set_and_waits_again_once_nothing_is_pending()
    {
        var pending = false;
        var wakeUp = new WakeUp(() => pending);
        var first = wakeUp.WaitAsync();
        Assert.False(first.IsCompleted);

        pending = true;
        wakeUp.Set();
        await first.WaitAsync(Deadline, Ct);
        Assert.True(wakeUp.WaitAsync().IsCompleted);

        pending = false;
        Assert.False(wakeUp.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task A_posted_operation_cuts_the_backoff_after_a_failure_short()
    {
        var progress = new ProjectorProgress("parts", NullLogger.Instance);
        var options = new ProjectorOptions { ResubscribeDelay = TimeSpan.FromHours(1), MaxResubscribeDelay = TimeSpan.FromHours(1) };
        var resubscription = new Resubscription("parts", options, progress, NullLogger.Instance, TimeProvider.System);
        var operations = new OperationQueue();
        var attempts = 0;
        var secondAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = resubscription.RunAsync(
            async ct =>
            {
                if (++attempts == 1)
                {
                    throw new IOException("store down");
                }

                secondAttempt.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
            operations.PostedAsync,
            stop.Token);
        while (progress.State is not ProjectorState.Faulted)
        {
            await Task.Delay(10, Ct);
        }

        _ = operations.PostAsync(new ProjectorCommand.Pause(), stop.Token);

        await secondAttempt.Task.WaitAsync(Deadline, Ct);
        Assert.Equal("store down", progress.LastError);
        await stop.CancelAsync();
        await run.WaitAsync(Deadline, Ct);
    }

    [Fact]
    public async Task A_batch_takes_what_is_ready_up_to_its_size_and_gives_way_to_a_posted_operation()
    {
        var operations = new OperationQueue();
        var reader = new BatchReader(new ProjectorOptions { MaxBatchSize = 3 }, operations, "parts", TimeProvider.System);
        var messages = Channel.CreateUnbounded<SubscriptionMessage>();
        for (var i = 1UL; i <= 5; i++)
        {
            messages.Writer.TryWrite(new SubscriptionMessage.Checkpoint(GlobalPosition.FromSequence(i)));
        }

        var batch = new List<SubscriptionMessage>();
        Assert.True(await reader.ReadAsync(messages.Reader, batch, Ct));
        Assert.Equal(3, batch.Count);

        batch.Clear();
        _ = operations.PostAsync(new ProjectorCommand.Resume(), Ct);
        Assert.False(await reader.ReadAsync(Channel.CreateUnbounded<SubscriptionMessage>().Reader, batch, Ct));
        Assert.Empty(batch);
    }
}
