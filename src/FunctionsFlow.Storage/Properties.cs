using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("FunctionsFlow.Storage.Tests")]
