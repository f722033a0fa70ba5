using Leads.QueryService.Hosting;
using Leads.ServiceDefaults;

// The query service: lead views, search, status log, audit log, time travel (LeadQueries) and projection ops
// (ProjectionAdmin), over gRPC on 127.0.0.1:5102 by default; the search page and the read RPCs as JSON on 127.0.0.1:5103.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults(QueryServiceTelemetry.SourceName);
builder.AddQueryService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapQueryService();

app.Run();
