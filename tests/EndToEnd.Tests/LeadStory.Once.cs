namespace EndToEnd.Tests;

/// <summary>The story written once per run on the shared platform, and projected before anyone reads it.</summary>
public sealed partial record LeadStory
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static LeadStory? _written;

    public static async Task<LeadStory> WriteOnceAsync(LeadPlatform platform, CancellationToken cancellationToken)
    {
        await Once.WaitAsync(cancellationToken);
        try
        {
            if (_written is null)
            {
                var story = await WriteAsync(platform.Commands, cancellationToken);
                await platform.WaitForProjectionsAsync(story.Converted.Position, cancellationToken);
                _written = story;
            }

            return _written;
        }
        finally
        {
            Once.Release();
        }
    }
}
