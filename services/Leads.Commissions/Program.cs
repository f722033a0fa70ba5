using Leads.Commissions;
using Leads.ServiceDefaults;

// An example of another bounded context: counts lead conversions per day from the LeadConverted integration event,
// deduplicating by MessageId (idempotent consumer). HTTP on 127.0.0.1:5107 by default: GET /conversions/{yyyy-MM-dd}.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCommissions();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCommissions();

app.Run();
