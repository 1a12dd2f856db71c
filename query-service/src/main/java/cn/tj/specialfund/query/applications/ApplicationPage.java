package cn.tj.specialfund.query.applications;

import java.util.List;

/** One page of applications, oldest submission first, and how many match in all. */
record ApplicationPage(List<ApplicationView> items, long total) {
}
