#include "core/controls/ControlsDocument.h"

#include "core/controls/ControlsReport.h"
#include "core/controls/ControlsText.h"
#include "core/document/HtmlPages.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

struct Writer
{
    Q_DECLARE_TR_FUNCTIONS(ControlsDocument)

public:
    const ControlsReportData &r;
    QLocale locale;

    QString time(const QDateTime &utc) const
    {
        if (!utc.isValid())
            return QString();
        return locale.toString(utc.toLocalTime(),
                               QStringLiteral("yyyy-MM-dd ") + locale.timeFormat(QLocale::ShortFormat));
    }
    QString amount(qint64 value) const
    {
        return value > 0 ? QLatin1Char('+') + locale.toString(value) : locale.toString(value);
    }
    QString number(qint64 value) const { return locale.toString(value); }
    // A user by name; the id only for one without a name or email (the CSV and JSON keep ids).
    QString user(const QString &name, const QString &id) const { return escaped(name.isEmpty() ? id : name); }

    // A table: its headers (right-aligned when they start with '>'), then rows of ready cells.
    static QString table(const QStringList &headers, const QList<QStringList> &rows)
    {
        QString h = QStringLiteral("<table class='grid' width='100%' cellspacing='0' cellpadding='3'><thead><tr>");
        QList<bool> right;
        for (const QString &header : headers) {
            right << header.startsWith(QLatin1Char('>'));
            h += QStringLiteral("<th align='%1'>%2</th>")
                     .arg(right.constLast() ? QStringLiteral("right") : QStringLiteral("left"),
                          escaped(right.constLast() ? header.mid(1) : header));
        }
        h += QStringLiteral("</tr></thead>");
        for (const QStringList &row : rows) {
            h += QStringLiteral("<tr>");
            for (qsizetype i = 0; i < row.size(); ++i)
                h += QStringLiteral("<td%1>%2</td>")
                         .arg(i < right.size() && right.at(i) ? QStringLiteral(" align='right'") : QString(),
                              row.at(i));
            h += QStringLiteral("</tr>");
        }
        return h + QStringLiteral("</table>");
    }

    QString section(const QString &title, const QString &none, const QStringList &headers,
                    const QList<QStringList> &rows) const
    {
        QString h = QStringLiteral("<h3>%1</h3>").arg(escaped(title));
        if (rows.isEmpty())
            return h + QStringLiteral("<p>%1</p>").arg(escaped(none));
        return h + table(headers, rows);
    }

    QString held() const
    {
        QList<QStringList> rows;
        for (const PendingAdjustment &p : r.held) {
            QString decision = escaped(ControlsText::state(p.state));
            if (p.state != PendingAdjustment::State::Pending)
                decision += QStringLiteral("<br/><span class='note'>%1</span>")
                                .arg(escaped(tr("by %1, %2").arg(r.decider(p), time(p.decidedAt))));
            if (!p.decisionReason.isEmpty())
                decision += QStringLiteral("<br/>%1").arg(escaped(p.decisionReason));
            rows << QStringList{escaped(time(p.requestedAt)),
                                escaped(r.maker(p)),
                                user(p.userName.isEmpty() ? p.userEmail : p.userName, p.userId),
                                escaped(amount(p.amount)),
                                escaped(ControlsText::heldFor(p.heldFor)),
                                reason(p.reason, p.reasonTag),
                                decision};
        }
        return section(ControlsText::heldTitle(), tr("No change was held for approval in this period."),
                       {tr("Asked"), tr("By"), tr("User"), QStringLiteral(">") + tr("XP"), tr("Held because"),
                        tr("Reason"), tr("Decision")},
                       rows);
    }

    // The free text, then the change's code and ticket on a line of their own.
    QString reason(const QString &text, const ReasonTag &tag) const
    {
        const QString tagged = r.catalog.describe(tag.code, tag.ticket);
        if (tagged.isEmpty())
            return escaped(text);
        return QStringLiteral("%1<br/><span class='note'>%2</span>").arg(escaped(text), escaped(tagged));
    }

    QString periods() const
    {
        QList<QStringList> rows;
        for (const ClosedPeriod &p : r.periods)
            rows << QStringList{escaped(time(p.at)),
                                escaped(p.who()),
                                escaped(ControlsText::kind(p.kind)),
                                escaped(p.day.toString(Qt::ISODate)),
                                escaped(number(p.users)),
                                escaped(number(p.sum)),
                                escaped(p.reason)};
        return section(ControlsText::periodsTitle(), tr("No period was closed or reopened in this period."),
                       {tr("When"), tr("By"), tr("What"), tr("Closed up to"), QStringLiteral(">") + tr("Users"),
                        QStringLiteral(">") + tr("Total XP"), tr("Reason")},
                       rows);
    }

    QString unticketed() const
    {
        QList<QStringList> rows;
        for (const UnticketedChange &c : r.unticketed)
            rows << QStringList{escaped(time(c.at)),       escaped(c.person), user(c.userName, c.userId),
                                escaped(amount(c.amount)), escaped(c.label),  escaped(c.reason)};
        return section(
            ControlsText::unticketedTitle(), tr("Every change whose reason code requires a ticket has one."),
            {tr("When"), tr("By"), tr("User"), QStringLiteral(">") + tr("XP"), tr("Reason code"), tr("Reason")}, rows);
    }

    QString people() const
    {
        QList<QStringList> rows;
        for (const PersonActivity &a : r.people)
            rows << QStringList{escaped(a.person),           escaped(number(a.changes)), escaped(number(a.given)),
                                escaped(number(a.taken)),    escaped(number(a.held)),    escaped(number(a.approved)),
                                escaped(number(a.rejected)), escaped(number(a.waiting))};
        return section(ControlsText::peopleTitle(), tr("Nobody changed XP by hand in this period."),
                       {tr("Person"), QStringLiteral(">") + tr("Changes"), QStringLiteral(">") + tr("XP given"),
                        QStringLiteral(">") + tr("XP taken"), QStringLiteral(">") + tr("Held"),
                        QStringLiteral(">") + tr("Approved"), QStringLiteral(">") + tr("Rejected"),
                        QStringLiteral(">") + tr("Waiting")},
                       rows);
    }

    QString reasons() const
    {
        QList<QStringList> rows;
        for (const ReasonActivity &a : r.reasons) {
            const QString code = a.code.isEmpty() ? ControlsText::noReasonCode() : r.catalog.labelWithCode(a.code);
            rows << QStringList{escaped(code), escaped(number(a.changes)), escaped(number(a.given)),
                                escaped(number(a.taken)), escaped(number(a.withoutTicket))};
        }
        return section(ControlsText::reasonsTitle(), tr("Nobody changed XP by hand in this period."),
                       {tr("Reason code"), QStringLiteral(">") + tr("Changes"), QStringLiteral(">") + tr("XP given"),
                        QStringLiteral(">") + tr("XP taken"), QStringLiteral(">") + tr("Without a ticket")},
                       rows);
    }

    QString html() const
    {
        QString h = QStringLiteral(
            "<html><head><style>"
            "body { font-family: sans-serif; font-size: 9pt; } h1 { font-size: 16pt; } h3 { font-size: 11pt; }"
            "table.grid th { background-color: #e8e8e8; } .note { color: #444444; font-size: 8pt; }"
            "</style></head><body>");
        h += QStringLiteral("<h1>%1</h1>").arg(escaped(ControlsText::title()));
        h += QStringLiteral("<table cellspacing='0' cellpadding='2'>"
                            "<tr><td>%1</td><td><b>%2</b></td></tr>"
                            "<tr><td>%3</td><td>%4</td></tr>"
                            "<tr><td>%5</td><td>%6</td></tr>"
                            "<tr><td>%7</td><td>%8</td></tr></table>")
                 .arg(escaped(tr("Period:")), escaped(ControlsText::period(r)), escaped(tr("Database:")),
                      escaped(r.database), escaped(tr("Made on:")), escaped(time(r.generatedAt)),
                      escaped(tr("Made by:")), escaped(r.generatedBy));
        h += QStringLiteral("<p>%1</p>")
                 .arg(escaped(tr("%1 held for approval, %2 of them above a limit of their maker; %3 reopened; %4 "
                                 "without a required ticket.")
                                  .arg(tr("%n change(s)", nullptr, int(r.held.size())), number(r.aboveLimits()),
                                       tr("%n period(s)", nullptr, int(r.reopens())),
                                       tr("%n change(s)", nullptr, int(r.unticketed.size())))));
        h += held() + periods() + unticketed() + people() + reasons();
        return h + QStringLiteral("</body></html>");
    }
};

} // namespace

namespace ControlsDocument {

QString html(const ControlsReportData &report, const Options &options)
{
    const Writer writer{report, options.locale.isEmpty() ? QLocale() : QLocale(options.locale)};
    return writer.html();
}

Status writePdf(const ControlsReportData &report, const QString &fileName, const Options &options)
{
    return HtmlPages::writePdf(html(report, options), fileName, ControlsText::title());
}

} // namespace ControlsDocument
