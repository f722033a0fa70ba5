using Leads.SearchProjector;
using Leads.ServiceDefaults;

// The search projector: follows the lead events in the event store (ConnectionStrings:eventstore, else the embedded
// SQLite file in Leads:DataDirectory) and keeps every name, email and phone each lead ever had in the Lucene index
// (search/ there), whose commits carry the projection's checkpoint. The query service reads that folder read-only.
// Ops steer it through the control plane (projections.db) from the query service's ProjectionAdmin.
// Health on 127.0.0.1:5105 by default.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddSearchProjector();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
