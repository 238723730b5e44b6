using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

public sealed class PrecautionCodesTests
{
    [Fact]
    public void ToCode_ChemoWithin48H_IsUpperSnake()
    {
        Assert.Equal("CHEMO_WITHIN_48H", PrecautionCode.ChemoWithin48H.ToCode());
    }
}
