namespace Leads.Projections.Runtime;

/// <summary>An operation the run loop performs between batches, so that it never races the loop's own writes.</summary>
internal abstract record ProjectorCommand
{
    public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public sealed record Pause : ProjectorCommand;

    public sealed record Resume : ProjectorCommand;

    public sealed record Reset(ResetFrom From) : ProjectorCommand;

    public sealed record ReplayParked(string StreamId) : ProjectorCommand;
}
