using Leads.CommandService;
using Leads.CommandService.Grpc;
using Leads.CommandService.Telemetry;
using Leads.ServiceDefaults;
using Leads.ServiceDefaults.StrictParsing;

// The command service: gRPC leads.v1.LeadCommands on 127.0.0.1:5101 (HTTP/2 cleartext) by default. Every change to a
// lead is decided by the domain and stored as events in the event store chosen by ConnectionStrings:eventstore.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults(CommandTelemetry.SourceName);
builder.AddLeadCommands();

var app = builder.Build();

app.MapGrpcServiceStrictly<LeadCommandsEndpoint>();
app.MapDefaultEndpoints();

app.Run();
