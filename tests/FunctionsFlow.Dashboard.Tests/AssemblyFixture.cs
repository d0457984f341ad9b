using FunctionsFlow.Dashboard.Tests;
using FunctionsFlow.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
