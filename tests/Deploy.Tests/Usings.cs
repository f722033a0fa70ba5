global using Leads.Testing;
