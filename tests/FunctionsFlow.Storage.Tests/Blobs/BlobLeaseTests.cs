using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Blobs;

public sealed class BlobLeaseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcquireLease_WhenAnotherIsHeld_Throws409LeaseAlreadyPresent()
    {
        var (container, blob) = await LeasableBlobAsync();
        await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("LeaseAlreadyPresent", error.ErrorCode);
    }

    [Fact]
    public async Task AcquireLease_ProposedId_IsTheLeaseId()
    {
        var (container, blob) = await LeasableBlobAsync();
        var proposed = Guid.NewGuid().ToString();

        var lease = await container.AcquireLeaseAsync(blob, Timeout.InfiniteTimeSpan, proposed, _ct);

        Assert.Equal(proposed, lease.LeaseId);
    }

    [Fact]
    public async Task Upload_LeasedBlobWithoutLeaseId_Throws412AndKeepsContent()
    {
        var (container, blob) = await LeasableBlobAsync();
        await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => container.UploadAsync(blob, BinaryData.FromString("intruder"), cancellationToken: _ct));

        Assert.Equal(412, error.Status);
        Assert.Equal("LeaseIdMissing", error.ErrorCode);
        Assert.Equal("v1", (await container.DownloadContentAsync(blob, _ct)).ToString());
    }

    [Fact]
    public async Task Upload_LeasedBlobWithLeaseId_Succeeds()
    {
        var (container, blob) = await LeasableBlobAsync();
        var lease = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        await container.UploadAsync(
            blob, BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = new() { LeaseId = lease.LeaseId } }, _ct);

        Assert.Equal("v2", (await container.DownloadContentAsync(blob, _ct)).ToString());
    }

    [Fact]
    public async Task Delete_LeasedBlobWithoutLeaseId_Throws412()
    {
        var (container, blob) = await LeasableBlobAsync();
        await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => container.DeleteAsync(blob, cancellationToken: _ct));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task RenewLease_HeldLease_KeepsTheLeaseId()
    {
        var (container, blob) = await LeasableBlobAsync();
        var lease = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var renewed = await container.RenewLeaseAsync(blob, lease.LeaseId, _ct);

        Assert.Equal(lease.LeaseId, renewed.LeaseId);
    }

    [Fact]
    public async Task RenewLease_WrongLeaseId_Throws409LeaseIdMismatch()
    {
        var (container, blob) = await LeasableBlobAsync();
        await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => container.RenewLeaseAsync(blob, Guid.NewGuid().ToString(), _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("LeaseIdMismatchWithLeaseOperation", error.ErrorCode);
    }

    [Fact]
    public async Task ReleaseLease_ThenAnotherAcquires_Succeeds()
    {
        var (container, blob) = await LeasableBlobAsync();
        var first = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        await container.ReleaseLeaseAsync(blob, first.LeaseId, _ct);
        var second = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        Assert.NotEqual(first.LeaseId, second.LeaseId);
    }

    [Fact]
    public async Task BreakLease_ZeroPeriod_EndsLeaseAtOnceSoAnotherAcquires()
    {
        var (container, blob) = await LeasableBlobAsync();
        var first = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        var remaining = await container.BreakLeaseAsync(blob, TimeSpan.Zero, _ct);
        var second = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
    }

    [Fact]
    public async Task BreakLease_InfiniteLeaseWithoutPeriod_BreaksAtOnce()
    {
        var (container, blob) = await LeasableBlobAsync();
        await container.AcquireLeaseAsync(blob, Timeout.InfiniteTimeSpan, cancellationToken: _ct);

        var remaining = await container.BreakLeaseAsync(blob, cancellationToken: _ct);

        Assert.Equal(TimeSpan.Zero, remaining);
        await container.UploadAsync(blob, BinaryData.FromString("free"), cancellationToken: _ct);
    }

    [Fact]
    public async Task ChangeLease_ToProposedId_OldIdNoLongerWrites()
    {
        var (container, blob) = await LeasableBlobAsync();
        var lease = await container.AcquireLeaseAsync(blob, Duration, cancellationToken: _ct);
        var proposed = Guid.NewGuid().ToString();

        var changed = await container.ChangeLeaseAsync(blob, lease.LeaseId, proposed, _ct);
        var error = await Assert.ThrowsAsync<StorageException>(() => container.UploadAsync(
            blob, BinaryData.FromString("old"), new BlobUploadOptions { Conditions = new() { LeaseId = lease.LeaseId } }, _ct));

        Assert.Equal(proposed, changed.LeaseId);
        Assert.Equal(412, error.Status);
    }

    [Fact]
    public async Task AcquireLease_UnknownBlob_Throws404()
    {
        var container = await azurite.NewContainerAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => container.AcquireLeaseAsync("missing", Duration, cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData(14_000)]
    [InlineData(61_000)]
    [InlineData(15_500)]
    [InlineData(0)]
    public async Task AcquireLease_DurationOutOfRange_ThrowsArgumentOutOfRange(int milliseconds)
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => container.AcquireLeaseAsync("b", TimeSpan.FromMilliseconds(milliseconds), cancellationToken: _ct));
    }

    [Fact]
    public async Task BreakLease_PeriodOverSixtySeconds_ThrowsArgumentOutOfRange()
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.BreakLeaseAsync("b", TimeSpan.FromSeconds(61), _ct));
    }

    private async Task<(BlobContainerClient Container, string Blob)> LeasableBlobAsync()
    {
        var container = await azurite.NewContainerAsync();
        await container.UploadAsync("lease-me", BinaryData.FromString("v1"), cancellationToken: _ct);
        return (container, "lease-me");
    }
}
