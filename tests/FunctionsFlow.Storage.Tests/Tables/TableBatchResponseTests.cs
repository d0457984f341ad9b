using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Storage.Tests.Tables;

/// <summary>The batch answer as Azure writes it, which Azurite's does not cover: no <c>Content-ID</c> on the failing
/// part, and line endings that may be bare line feeds.</summary>
public sealed class TableBatchResponseTests
{
    private const string ContentType = "multipart/mixed; boundary=batchresponse_0a1b";

    private static string Body(params string[] parts) =>
        "--batchresponse_0a1b\r\nContent-Type: multipart/mixed; boundary=changesetresponse_9z8y\r\n\r\n" +
        string.Concat(parts.Select(p => "--changesetresponse_9z8y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" + p + "\r\n")) +
        "--changesetresponse_9z8y--\r\n--batchresponse_0a1b--\r\n";

    [Fact]
    public void ReadAll_SuccessfulChangeset_ReturnsEachAnswerWithItsETag()
    {
        var body = Body(
            "HTTP/1.1 204 No Content\r\nETag: W/\"datetime'1'\"\r\nDataServiceVersion: 3.0;\r\n",
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 1.0;\r\n");

        var answers = TableBatchResponse.ReadAll(ContentType, body);

        Assert.Equal([204, 204], answers.Select(a => a.Status));
        Assert.Equal("W/\"datetime'1'\"", answers[0].Headers["etag"]);
        Assert.False(answers[1].Headers.ContainsKey("ETag"));
    }

    [Fact]
    public void TransactionFailure_AzureAnswerWithoutContentId_TakesTheIndexFromTheMessage()
    {
        var body = Body(
            "HTTP/1.1 409 Conflict\nX-Content-Type-Options: nosniff\nContent-Type: application/json;odata=minimalmetadata;streaming=true;charset=utf-8\n\n" +
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"2:The specified entity already exists.\\nRequestId:x\"}}}")
            .Replace("\r\n", "\n", StringComparison.Ordinal);

        var failure = Assert.Single(TableBatchResponse.ReadAll(ContentType, body));
        var error = TableClient.TransactionFailure(failure, actionCount: 3);

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(2, error.FailedOperationIndex);
        Assert.Contains("The specified entity already exists.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransactionFailure_MessageWithoutIndex_FallsBackToContentId()
    {
        var body = Body(
            "HTTP/1.1 412 Precondition Failed\r\nContent-ID: 3\r\nContent-Type: application/json\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"lang\":\"en-US\",\"value\":\"The update condition specified in the request was not satisfied.\"}}}");

        var error = TableClient.TransactionFailure(Assert.Single(TableBatchResponse.ReadAll(ContentType, body)), actionCount: 5);

        Assert.Equal(412, error.Status);
        Assert.Equal(2, error.FailedOperationIndex);
    }

    [Fact]
    public void ReadAll_ContentTypeWithoutBoundary_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => TableBatchResponse.ReadAll("multipart/mixed", "--x--"));
    }
}
