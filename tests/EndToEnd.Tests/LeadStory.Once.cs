using Leads.Testing.Grpc;

namespace EndToEnd.Tests;

/// <summary>
/// The story written once per platform, and projected before anyone reads it (the erasure tests run a platform of
/// their own, so forgetting 1410 there leaves the shared one as it was).
/// </summary>
public static class LeadStoryOnce
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<LeadPlatform, LeadStory> Written = [];

    extension(LeadStory)
    {
        public static async Task<LeadStory> WriteOnceAsync(LeadPlatform platform, CancellationToken cancellationToken)
        {
            await Once.WaitAsync(cancellationToken);
            try
            {
                if (!Written.TryGetValue(platform, out var story))
                {
                    story = await LeadStory.WriteAsync(platform.Commands, cancellationToken);
                    await platform.WaitForProjectionsAsync(story.Converted.Position, cancellationToken);
                    Written[platform] = story;
                }

                return story;
            }
            finally
            {
                Once.Release();
            }
        }
    }
}
