using Leads.Contracts.V1;

namespace Leads.Testing.Grpc;

/// <summary>What ops see of a projection through <c>ProjectionAdmin</c>, and waiting for it to reach a position.</summary>
public static class ProjectionWaits
{
    public static async Task<ProjectionInfo> ProjectionAsync(this ProjectionAdmin.ProjectionAdminClient admin, string name, CancellationToken cancellationToken)
    {
        var reply = await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: cancellationToken);
        return reply.Projections.Single(p => p.Name == name);
    }

    /// <summary>
    /// The projection's state once its committed checkpoint is at or past <paramref name="position"/>. One that never
    /// gets there fails with its last state and <paramref name="diagnostics"/> (what the services printed last).
    /// </summary>
    public static async Task<ProjectionInfo> WaitForProjectionAsync(
        this ProjectionAdmin.ProjectionAdminClient admin, string name, ulong position, TimeSpan deadline, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            return await Eventually.ReturnsAsync(
                async () =>
                {
                    var info = await admin.ProjectionAsync(name, cancellationToken);
                    return info.HasCheckpoint && info.Checkpoint >= position ? info : null;
                },
                deadline,
                $"{name} reaching position {position}",
                cancellationToken);
        }
        catch (TimeoutException stalled)
        {
            var now = await admin.ProjectionAsync(name, cancellationToken);
            throw new TimeoutException($"{stalled.Message}; now: {now}{Environment.NewLine}{diagnostics()}", stalled);
        }
    }
}
