using System.Net;
using OncologyMassage.Infrastructure.Messaging;
using Polly;

namespace OncologyMassage.Messaging.Tests;

/// <summary>The classification the retry pipeline and the senders share.</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(429, true, false)]
    [InlineData(500, true, false)]
    [InlineData(503, true, false)]
    [InlineData(400, false, true)]
    [InlineData(401, false, true)]
    [InlineData(404, false, true)]
    [InlineData(408, false, false)]
    [InlineData(201, false, false)]
    public void VendorStatus_Status_IsTransientOrPermanent(int status, bool transient, bool permanent)
    {
        Assert.Equal((transient, permanent), (VendorStatus.IsTransient(status), VendorStatus.IsPermanent(status)));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, null, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 30, true)]
    [InlineData(HttpStatusCode.TooManyRequests, 31, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 5, true)]
    [InlineData(HttpStatusCode.BadRequest, null, false)]
    [InlineData(HttpStatusCode.Forbidden, null, false)]
    public void ShouldRetry_Response_RetriesTransientStatusesWithinTheMaxDelay(HttpStatusCode status, int? retryAfterSeconds, bool expected)
    {
        using var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        Assert.Equal(expected, MessagingServiceCollectionExtensions.ShouldRetry(Outcome.FromResult(response), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ShouldRetry_ConnectionFailure_Retries()
    {
        Assert.True(MessagingServiceCollectionExtensions.ShouldRetry(
            Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused")), TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    public void ShouldRetry_ConnectionLostAfterTheRequestWentOut_DoesNotRetry(HttpRequestError error)
    {
        // The vendor may have taken it: a second attempt could text the person twice (the reconciliation asks instead).
        Assert.False(MessagingServiceCollectionExtensions.ShouldRetry(
            Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "lost")), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ShouldRetry_AttemptTimeout_DoesNotRetry()
    {
        Assert.False(MessagingServiceCollectionExtensions.ShouldRetry(
            Outcome.FromException<HttpResponseMessage>(new Polly.Timeout.TimeoutRejectedException()), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThatDate()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(20));

        var wait = MessagingServiceCollectionExtensions.RetryAfter(response);

        Assert.InRange(wait!.Value, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(21));
    }
}
