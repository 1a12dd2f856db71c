package cn.tj.specialfund.support.openapi;

import java.util.List;

/** The endpoints one part of a service maps, as the API document describes them (a bean per part). */
@FunctionalInterface
public interface ApiDocs {

    List<EndpointDoc> endpoints();
}
