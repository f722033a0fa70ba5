using Leads.ServiceDefaults;
using Leads.ViewProjector;

// The view projector: follows the lead events in the event store (ConnectionStrings:eventstore, else the embedded
// SQLite file in Leads:DataDirectory) and keeps lead views and status logs in the view store (views.db there).
// Ops steer it through the control plane (projections.db) from the query service's ProjectionAdmin.
// Health on 127.0.0.1:5104 by default.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddViewProjector();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
