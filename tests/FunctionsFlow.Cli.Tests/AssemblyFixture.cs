using FunctionsFlow.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
