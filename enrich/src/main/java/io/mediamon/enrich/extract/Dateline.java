package io.mediamon.enrich.extract;

import java.time.LocalDate;

/**
 * A wire-style dateline at the head of an article: {@code Niamey, 06 décembre 2023 (Lomé Actu) –}.
 *
 * @param place the place as written
 * @param date the date, null when the dateline has none
 * @param source the agency or outlet in parentheses, null when absent
 * @param length characters of the text the dateline covers, separator included
 */
public record Dateline(String place, LocalDate date, String source, int length) {}
