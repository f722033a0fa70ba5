namespace Leads.Deploy.Tests.Support;

/// <summary>A Dockerfile's instructions (continuation lines joined, comments dropped), enough to check what it builds.</summary>
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

    /// <summary>The instructions of the last stage (what the image is made of).</summary>
    public DockerfileText FinalStage()
    {
        var last = Instructions.Select((i, index) => (i, index)).Last(x => x.i.Instruction == "FROM").index;
        return new DockerfileText([.. Instructions.Skip(last)]);
    }

    /// <summary>ENV key=value pairs of the final stage (values unquoted; an empty value stays empty).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arguments in FinalStage().All("ENV"))
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
        var healthCheck = FinalStage().All("HEALTHCHECK").Single();
        var cmd = healthCheck.IndexOf("CMD ", StringComparison.Ordinal);
        return healthCheck[(cmd + 4)..].Trim();
    }
}
