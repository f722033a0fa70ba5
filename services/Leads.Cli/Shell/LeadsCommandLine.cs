using System.CommandLine;
using Leads.Cli.Analytics;
using Leads.Cli.Import;
using Leads.Cli.Lookup;
using Leads.Cli.Parked;
using Leads.Cli.Privacy;
using Leads.Cli.Projections;
using Leads.Cli.Seed;
using Leads.Cli.Store;

namespace Leads.Cli.Shell;

/// <summary>The command tree.</summary>
internal static class LeadsCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("leads: operate and explore the lead platform over gRPC");
        root.Options.Add(Endpoints.CommandsUrl);
        root.Options.Add(Endpoints.QueriesUrl);
        root.Options.Add(CallerToken.Token);
        root.Options.Add(CallerToken.DataDirectory);
        root.Subcommands.Add(TokenCommand.Build());
        root.Subcommands.Add(ProjectionsCommands.Build());
        root.Subcommands.Add(ParkedCommands.Build());
        root.Subcommands.Add(LeadLookupCommands.Build());
        root.Subcommands.Add(SearchCommand.Build());
        root.Subcommands.Add(SeedCommand.Build());
        root.Subcommands.Add(StoreCommands.Build());
        root.Subcommands.Add(PrivacyCommands.Build());
        root.Subcommands.Add(AnalyticsCommands.Build());
        root.Subcommands.Add(ImportCommand.Build());
        return root;
    }
}
