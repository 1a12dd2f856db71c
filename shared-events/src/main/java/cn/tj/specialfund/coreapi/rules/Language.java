package cn.tj.specialfund.coreapi.rules;

/** The languages a problem {@code detail} is written in; Chinese unless the client prefers English. */
public enum Language {
    ZH, EN
}
