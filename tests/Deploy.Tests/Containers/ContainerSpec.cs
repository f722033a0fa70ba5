namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// One container to start with <c>docker run --detach --network host</c>: its image, environment and mounts, the test
/// run's label, and an optional health check for images that bring none (the event store stand-in).
/// </summary>
public sealed record ContainerSpec(string Name, string Image, string RunLabel)
{
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>A health check command in shell form, only for images without a HEALTHCHECK of their own.</summary>
    public string? HealthCommand { get; init; }

    public IEnumerable<string> RunArguments()
    {
        yield return "run";
        yield return "--detach";
        yield return "--network";
        yield return "host";
        yield return "--name";
        yield return Name;
        yield return "--label";
        yield return $"{ContainerRun.Label}={RunLabel}";
        foreach (var (key, value) in Environment)
        {
            yield return "--env";
            yield return $"{key}={value}";
        }

        foreach (var volume in Volumes)
        {
            yield return "--volume";
            yield return volume;
        }

        if (HealthCommand is not null)
        {
            yield return "--health-cmd";
            yield return HealthCommand;
            yield return "--health-interval";
            yield return "2s";
            yield return "--health-retries";
            yield return "3";
        }

        yield return Image;
    }
}
