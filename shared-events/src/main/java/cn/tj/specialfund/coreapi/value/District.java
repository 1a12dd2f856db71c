package cn.tj.specialfund.coreapi.value;

/** Tianjin's sixteen districts, in the order the contract lists them. */
public enum District {
    HEPING("和平区"), HEDONG("河东区"), HEXI("河西区"), NANKAI("南开区"), HEBEI("河北区"),
    HONGQIAO("红桥区"), DONGLI("东丽区"), XIQING("西青区"), JINNAN("津南区"), BEICHEN("北辰区"),
    WUQING("武清区"), BAODI("宝坻区"), NINGHE("宁河区"), JINGHAI("静海区"), JIZHOU("蓟州区"),
    BINHAI("滨海新区");

    private final String displayName;

    District(String displayName) {
        this.displayName = displayName;
    }

    public String code() {
        return name();
    }

    public String displayName() {
        return displayName;
    }
}
