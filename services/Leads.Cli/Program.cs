using Leads.Cli.Shell;
using Spectre.Console;

// leads: token, projections list|reset|pause|resume, parked list|replay, lead get|history|as-of, search, seed, analytics.
if (Console.IsOutputRedirected)
{
    // Piped into a file or grep: no terminal width to respect, so tables are not wrapped.
    AnsiConsole.Profile.Width = 240;
}

return await LeadsCommandLine.Build().Parse(args).InvokeAsync();
