#include "core/statement/StatementDocument.h"

#include "core/document/HtmlPages.h"

#include "core/statement/Statement.h"

#include <QCoreApplication>
#include <QLocale>

namespace StatementDocument {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StatementDocument", text, disambiguation, n);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

struct Writer
{
    Q_DECLARE_TR_FUNCTIONS(StatementDocument)

public:
    const Statement &s;
    const StatementDocument::Options &options;
    QLocale locale;

    // The locale's short date with a four-digit year: a statement may span decades of a user's
    // history, and "06.12.26" reads as a day of any century.
    QString datePattern() const
    {
        QString pattern = locale.dateFormat(QLocale::ShortFormat);
        if (!pattern.contains(QLatin1StringView("yyyy")))
            pattern.replace(QLatin1StringView("yy"), QLatin1StringView("yyyy"));
        return pattern;
    }
    QString time(const QDateTime &utc) const
    {
        return locale.toString(utc.toLocalTime(),
                               datePattern() + QLatin1Char(' ') + locale.timeFormat(QLocale::ShortFormat));
    }
    QString date(const QDateTime &utc) const { return locale.toString(utc.toLocalTime().date(), datePattern()); }
    QString amount(qint64 value) const { return locale.toString(value); }
    QString signedAmount(qint64 value) const
    {
        return value > 0 ? QLatin1Char('+') + locale.toString(value) : locale.toString(value);
    }

    QString what(const StatementEntry &e) const
    {
        if (const QString database = databaseChange(e.action); !database.isEmpty())
            return database;
        switch (e.kind) {
        case StatementEntry::Kind::Added:
            return e.action == QLatin1StringView("award")        ? tr("Awarded")
                : e.action == QLatin1StringView("import-legacy") ? tr("Migrated")
                                                                 : tr("Adjusted");
        case StatementEntry::Kind::External:
            return tr("Earned in the app");
        case StatementEntry::Kind::Removed:
            return e.action == QLatin1StringView("rollback") ? tr("Rolled back") : tr("Removed with its source");
        case StatementEntry::Kind::Restored:
            return tr("Restored");
        }
        return {};
    }

    // A change captured in the database, made outside XP Admin: its own words.
    static QString databaseChange(const QString &action)
    {
        if (action == QLatin1StringView("db-insert"))
            return tr("Added in the database");
        if (action == QLatin1StringView("db-delete"))
            return tr("Deleted in the database");
        if (action == QLatin1StringView("db-update-before"))
            return tr("Changed in the database (was)");
        if (action == QLatin1StringView("db-update"))
            return tr("Changed in the database (now)");
        return {};
    }

    QString byWhom(const StatementEntry &e) const
    {
        if (e.kind == StatementEntry::Kind::External)
            return tr("the app");
        if (e.action.startsWith(QLatin1StringView("db-")))
            return e.operatorName.isEmpty()
                ? tr("database role %1").arg(escaped(e.actor))
                : tr("database role %1 (%2)").arg(escaped(e.actor), escaped(e.operatorName));
        QString text = escaped(e.operatorName);
        if (!e.reason.isEmpty() && e.reason != e.row.description)
            text += QStringLiteral(": ") + escaped(e.reason);
        if (!e.reasonTag.code.isEmpty())
            text += QStringLiteral("<br>") + escaped(s.reasons.labelWithCode(e.reasonTag.code));
        if (!e.reasonTag.ticket.isEmpty()) {
            const QString link = s.reasons.ticketLink(e.reasonTag.ticket);
            const QString ticket = link.isEmpty()
                ? escaped(e.reasonTag.ticket)
                : QStringLiteral("<a href=\"%1\">%2</a>").arg(link.toHtmlEscaped(), escaped(e.reasonTag.ticket));
            text += QStringLiteral("<br>") + tr("ticket %1").arg(ticket);
        }
        return text;
    }

    QString period() const
    {
        const QString from = s.since.isValid() ? date(s.since) : tr("the first transaction");
        const QString to = s.until.isValid() ? date(s.until.addMSecs(-1)) : date(s.madeAt);
        return tr("%1 to %2").arg(from, to);
    }

    QString subtotals(const QString &heading, const QList<StatementSubtotal> &list, bool categories) const
    {
        QString html = QStringLiteral("<h3>%1</h3><table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
                                      "<tr><th align='left'>%1</th><th align='right'>%2</th><th align='right'>%3</th>"
                                      "<th align='right'>%4</th></tr>")
                           .arg(heading, tr("Added"), tr("Removed"), tr("Net"));
        for (const StatementSubtotal &t : list) {
            QString label = t.key;
            if (categories) {
                if (const auto category = XpEnums::categoryFromName(t.key))
                    label = XpEnums::label(*category);
            } else if (const auto type = XpEnums::sourceTypeFromName(t.key)) {
                label = XpEnums::label(*type);
            }
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td>"
                                   "<td align='right'>%4</td></tr>")
                        .arg(escaped(label), amount(t.added), amount(t.removed), signedAmount(t.net()));
        }
        return html + QStringLiteral("</table>");
    }

    QString html() const
    {
        QString h = QStringLiteral(
            "<html><head><style>"
            "body { font-family: sans-serif; font-size: 9pt; } h1 { font-size: 16pt; } h3 { font-size: 11pt; }"
            "table.grid th { background-color: #e8e8e8; } td.num { text-align: right; }"
            ".removed { color: #8a1f11; } .note { color: #444444; }"
            "</style></head><body>");
        h += QStringLiteral("<h1>%1</h1>").arg(tr("XP statement"));
        const QString name = s.userName.isEmpty() ? s.userEmail : s.userName;
        h += QStringLiteral("<p><b>%1</b>").arg(escaped(name));
        if (!s.userName.isEmpty() && !s.userEmail.isEmpty())
            h += QStringLiteral("<br/>%1").arg(escaped(s.userEmail));
        if (options.showIds)
            h += QStringLiteral("<br/>%1").arg(tr("User id: %1").arg(escaped(s.userId)));
        h += QStringLiteral("</p>");
        h += QStringLiteral("<table cellspacing='0' cellpadding='2'>"
                            "<tr><td>%1</td><td><b>%2</b></td></tr>"
                            "<tr><td>%3</td><td align='right'><b>%4 XP</b></td></tr>"
                            "<tr><td>%5</td><td align='right'><b>%6 XP</b></td></tr>"
                            "<tr><td>%7</td><td>%8</td></tr></table>")
                 .arg(tr("Period:"), period(), tr("Opening balance:"), amount(s.opening), tr("Closing balance:"),
                      amount(s.closing), tr("Made on:"), time(s.madeAt));
        h += QStringLiteral("<h3>%1</h3>").arg(tr("Changes"));
        if (s.entries.isEmpty()) {
            h += QStringLiteral("<p>%1</p>").arg(tr("No changes in this period."));
        } else {
            h += QStringLiteral("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr>"
                                "<th align='left' width='13%'>%1</th><th align='left' width='12%'>%2</th>"
                                "<th align='left' width='35%'>%3</th>"
                                "<th align='right' width='9%' style='white-space: nowrap'>%4</th>"
                                "<th align='right' width='9%' style='white-space: nowrap'>%5</th>"
                                "<th align='left' width='22%'>%6</th>"
                                "</tr></thead>")
                     .arg(tr("Date"), tr("What"), tr("Transaction"), tr("Change"), tr("Balance"), tr("By, why"));
            for (const StatementEntry &e : s.entries) {
                const bool struck = e.kind == StatementEntry::Kind::Removed || e.removedLater;
                QString transaction = escaped(e.row.description.isEmpty() ? e.row.sourceId : e.row.description);
                transaction
                    += QStringLiteral("<br/><span class='note'>%1 · %2</span>")
                           .arg(escaped(XpEnums::label(e.row.category)), escaped(XpEnums::label(e.row.sourceType)));
                if (options.showIds)
                    transaction += QStringLiteral("<br/><span class='note'>%1</span>").arg(escaped(e.row.id));
                if (struck)
                    transaction = QStringLiteral("<s>%1</s>").arg(transaction);
                if (e.removedLater)
                    transaction += QStringLiteral("<br/><span class='removed'>%1</span>").arg(tr("removed later"));
                h += QStringLiteral(
                         "<tr%1><td style='white-space: nowrap'>%2</td><td>%3</td><td>%4</td><td align='right'>%5</td>"
                         "<td align='right'>%6</td><td>%7</td></tr>")
                         .arg(e.kind == StatementEntry::Kind::Removed ? QStringLiteral(" class='removed'") : QString(),
                              time(e.at), what(e), transaction, signedAmount(e.change), amount(e.balance), byWhom(e));
            }
            h += QStringLiteral("</table>");
            h += subtotals(tr("By category"), s.byCategory, true);
            h += subtotals(tr("By source type"), s.bySourceType, false);
        }
        if (!s.drift.isEmpty()) {
            h += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Corrections of the total"));
            for (const DriftNote &note : s.drift)
                h += QStringLiteral("<li>%1</li>")
                         .arg(tr("On %1 the stored total was %2 XP while the transactions added up to %3 XP; it "
                                 "was corrected by %4.")
                                  .arg(time(note.at), amount(note.cached), amount(note.summed),
                                       escaped(note.operatorName)));
            h += QStringLiteral("</ul>");
        }
        QString basis;
        if (s.logBegins.isValid() && !s.logCoversPeriod)
            basis = tr("Changes before %1, when XP Admin's audit log began, are shown by the date of their "
                       "transaction.")
                        .arg(time(s.logBegins));
        if (s.externalEntries > 0)
            basis += QLatin1Char(' ')
                + tr("%n change(s) were made by the app itself and are shown by the date of their transaction.",
                     nullptr, int(s.externalEntries));
        if (!basis.isEmpty())
            h += QStringLiteral("<p class='note'>%1</p>").arg(basis.trimmed());
        return h + QStringLiteral("</body></html>");
    }
};

} // namespace

QString html(const Statement &statement, const Options &options)
{
    const Writer writer{statement, options, options.locale.isEmpty() ? QLocale() : QLocale(options.locale)};
    return writer.html();
}

void print(const Statement &statement, QPagedPaintDevice *device, const Options &options)
{
    HtmlPages::print(html(statement, options), device);
}

Status writePdf(const Statement &statement, const QString &fileName, const Options &options)
{
    return HtmlPages::writePdf(html(statement, options), fileName, tr("XP statement"));
}

} // namespace StatementDocument
