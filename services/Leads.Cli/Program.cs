using Leads.Cli.Shell;

// leads: projections list|reset|pause|resume, parked list|replay, lead get|history|as-of, search, seed.
return await LeadsCommandLine.Build().Parse(args).InvokeAsync();
