using System.Security.Cryptography;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Blobs;

/// <summary>Tests that measure the process's allocations, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(AllocationMeasuringTests), DisableParallelization = true)]
public sealed class AllocationMeasuringTests;

[Collection(nameof(AllocationMeasuringTests))]
public sealed class LargeBlobTests(AzuriteFixture azurite)
{
    private const long Size = 50L * 1024 * 1024;
    private const ulong Seed = 20240601;

    // A buffered 50 MB blob would allocate at least 50 MB; streaming needs one 4 MiB block plus per-request overhead.
    private const long AllocationBudget = 12L * 1024 * 1024;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadAndDownload_50MBNonSeekableStream_StreamsBothWaysWithoutBufferingTheBlob()
    {
        var container = await azurite.NewContainerAsync();
        var expectedHash = HashOf(new PseudoRandomStream(Size, Seed));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var info = await container.UploadAsync("large.bin", new PseudoRandomStream(Size, Seed), cancellationToken: _ct);
        var uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var buffer = new byte[81920];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long downloaded = 0;
        before = GC.GetTotalAllocatedBytes(precise: true);
        await using (var download = await container.DownloadStreamingAsync("large.bin", cancellationToken: _ct))
        {
            Assert.Equal(Size, download.Properties.ContentLength);
            Assert.Equal(info.ETag, download.Properties.ETag);
            int read;
            while ((read = await download.Content.ReadAsync(buffer, _ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                downloaded += read;
            }
        }

        var downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Size, downloaded);
        Assert.Equal(expectedHash, hash.GetHashAndReset());
        Assert.InRange(uploadAllocated, 0, AllocationBudget);
        Assert.InRange(downloadAllocated, 0, AllocationBudget);
        TestContext.Current.TestOutputHelper?.WriteLine($"allocated: upload {uploadAllocated:N0} B, download {downloadAllocated:N0} B");
    }

    private static byte[] HashOf(Stream stream)
    {
        using (stream)
        {
            return SHA256.HashData(stream);
        }
    }
}
