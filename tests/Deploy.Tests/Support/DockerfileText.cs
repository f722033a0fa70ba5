namespace Leads.Deploy.Tests.Support;

/// <summary>
/// A Dockerfile's instructions (continuation lines joined, comments dropped), or those an image of one of its stages is
/// made of: enough to check what it builds.
/// </summary>
public sealed record DockerfileText(IReadOnlyList<(string Instruction, string Arguments)> Instructions)
{
    public static DockerfileText Load(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }

        return new DockerfileText(instructions);
    }

    public IEnumerable<string> All(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    /// <summary>The stage names (<c>FROM ... AS name</c>) in order.</summary>
    public IEnumerable<string> StageNames =>
        All("FROM").Select(Split).Where(s => s.Name is not null).Select(s => s.Name!);

    /// <summary>
    /// What an image built from the stage <paramref name="name"/> is made of: that stage's instructions, after those of
    /// the stages it is based on (<c>FROM runtime AS command-service</c> starts from the runtime stage).
    /// </summary>
    public DockerfileText Image(string name)
    {
        var start = Instructions.Select((i, index) => (i, index))
            .Where(x => x.i.Instruction == "FROM" && string.Equals(Split(x.i.Arguments).Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(x => (int?)x.index)
            .SingleOrDefault() ?? throw new InvalidOperationException($"the Dockerfile has no stage named {name}");
        var stage = Instructions.Skip(start).TakeWhile((i, index) => index == 0 || i.Instruction != "FROM").ToList();
        var baseName = Split(stage[0].Arguments).Base;
        return StageNames.Contains(baseName, StringComparer.OrdinalIgnoreCase)
            ? new DockerfileText([.. Image(baseName).Instructions, .. stage])
            : new DockerfileText(stage);
    }

    /// <summary>ENV key=value pairs of these instructions, later ones winning (values unquoted; an empty value stays empty).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arguments in All("ENV"))
        {
            foreach (var pair in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                env[pair[..eq]] = pair[(eq + 1)..].Trim('"');
            }
        }

        return env;
    }

    /// <summary>The HEALTHCHECK command as Docker runs it in shell form (<c>/bin/sh -c</c>), without the options.</summary>
    public string HealthCheckCommand()
    {
        var healthCheck = All("HEALTHCHECK").Single();
        var cmd = healthCheck.IndexOf("CMD ", StringComparison.Ordinal);
        return healthCheck[(cmd + 4)..].Trim();
    }

    private static (string Base, string? Name) Split(string fromArguments)
    {
        var parts = fromArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? (parts[0], parts[2]) : (parts[0], null);
    }
}
