using System.Text;
using Microsoft.AspNetCore.Mvc;
using Twilio.TwiML;

namespace OncologyMassage.Functions.Http;

/// <summary>A TwiML answer to a Twilio webhook (<c>application/xml</c>), built with the SDK's <see cref="MessagingResponse"/>: one reply text, or none.</summary>
public sealed class TwimlResult(string? reply) : IActionResult
{
    public string? Reply { get; } = reply;

    public string Xml
    {
        get
        {
            var response = new MessagingResponse();
            if (!string.IsNullOrEmpty(Reply))
            {
                response.Message(Reply);
            }

            return response.ToString();
        }
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = "application/xml; charset=utf-8";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Xml), context.HttpContext.RequestAborted);
    }
}
