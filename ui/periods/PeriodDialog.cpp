#include "ui/periods/PeriodDialog.h"

#include "core/periods/PeriodJobs.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/RefusedControl.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString dayText(const QDate &day)
{
    return day.toString(Qt::ISODate);
}

} // namespace

PeriodDialog::PeriodDialog(LedgerSession *session, Mode mode, const QString &refusal, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_mode(mode),
      m_refusal(refusal),
      m_current(new QLabel(this)),
      m_day(new QDateEdit(this)),
      m_reason(new QLineEdit(this)),
      m_preview(new QLabel(this)),
      m_message(new InlineMessage(this))
{
    const bool closing = mode == Mode::Close;
    setObjectName(closing ? QStringLiteral("ClosePeriodDialog") : QStringLiteral("ReopenPeriodDialog"));
    setWindowTitle(closing ? tr("Close Period") : tr("Reopen Period"));
    auto *intro = new QLabel(
        closing ? tr("Closing keeps every user's total as the ledger stands at the end of the day. Afterwards no "
                     "transaction created up to then may be rolled back, deleted by source or restored, and no "
                     "recalculation may change a total as it stood, until an admin reopens it. The close is recorded "
                     "in the audit log with its figures.")
                : tr("Reopening moves the end of the closed period back: what is after the day you give is open "
                     "again, what is up to it stays closed. The reopen is recorded in the audit log."),
        this);
    intro->setWordWrap(true);
    m_current->setObjectName(QStringLiteral("closedNowLabel"));
    m_current->setWordWrap(true);
    m_current->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_day->setObjectName(QStringLiteral("periodDayEdit"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    const QDate today = QDate::currentDate();
    m_day->setMaximumDate(today.addDays(closing ? -1 : -2));
    // Closing: the last month that is over; reopening: set from the closed day once it is read.
    m_day->setDate(closing ? QDate(today.year(), today.month(), 1).addDays(-1) : today.addDays(-2));
    m_reason->setObjectName(QStringLiteral("periodReasonEdit"));
    m_reason->setPlaceholderText(closing ? tr("e.g. November books handed to the auditor")
                                         : tr("e.g. Ticket 812: contest scored twice"));
    m_preview->setObjectName(QStringLiteral("closePreviewLabel"));
    m_preview->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("periodMessage"));

    auto *form = new QFormLayout;
    form->addRow(tr("Closed now:"), m_current);
    form->addRow(closing ? tr("Last &day closed:") : tr("Last &day that stays closed:"), m_day);
    form->addRow(tr("&Reason:"), m_reason);
    if (closing)
        form->addRow(tr("The close will hold:"), m_preview);
    else
        m_preview->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(closing ? tr("&Close Period") : tr("Re&open"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("periodConfirm"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    // The preview and the closed period arrive after the dialog is laid out, and may wrap: room for
    // two lines each from the start.
    const int twoLines = 2 * fontMetrics().lineSpacing() + 2;
    m_current->setMinimumHeight(twoLines);
    m_preview->setMinimumHeight(twoLines);
    m_current->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_preview->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMinimumWidth(620);

    connect(buttons, &QDialogButtonBox::accepted, this, &PeriodDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_day, &QDateEdit::dateChanged, this, &PeriodDialog::refresh);
    connect(m_reason, &QLineEdit::textChanged, this, &PeriodDialog::updateControls);
    if (!m_refusal.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Info, m_refusal);
    updateControls();
    refresh();
}

void PeriodDialog::refresh()
{
    const int generation = ++m_generation;
    m_loaded = false;
    updateControls();
    m_session->interactive()->post<PeriodState>(
        this, PeriodJobs::state(m_day->date(), m_mode == Mode::Close),
        [this, generation](const Result<PeriodState> &state) {
            if (generation != m_generation)
                return;
            if (!state) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The closed period could not be read: %1").arg(state.error().message));
                return;
            }
            showState(*state);
            m_loaded = true;
            updateControls();
            emit loaded();
        });
}

void PeriodDialog::showState(const PeriodState &state)
{
    if (state.current) {
        const ClosedPeriod &now = *state.current;
        m_current->setText(
            tr("up to %1, by %2 on %3 (%4)").arg(dayText(now.day), now.who(), XpFormat::localTime(now.at), now.reason));
    } else {
        m_current->setText(tr("nothing: the whole ledger is open"));
    }
    if (m_mode == Mode::Reopen && m_firstLoad && state.current) {
        const QSignalBlocker quiet(m_day);
        m_day->setMaximumDate(state.current->day.addDays(-1));
        m_day->setDate(state.current->day.addDays(-1));
    }
    m_firstLoad = false;
    m_dayRefused = false;
    if (m_mode == Mode::Reopen && !state.current) {
        m_dayRefused = true;
        m_preview->clear();
        return;
    }
    if (m_mode == Mode::Close) {
        if (!state.refused.isEmpty()) {
            m_dayRefused = true;
            m_preview->setText(state.refused);
        } else if (state.preview) {
            m_preview->setText(tr("the totals of %n user(s), %1 XP in all, as the ledger stands at the end of %2",
                                  nullptr, int(state.preview->users))
                                   .arg(XpFormat::total(state.preview->sum), dayText(m_day->date())));
        }
    }
}

void PeriodDialog::updateControls()
{
    const bool idle = m_loaded && !m_busy;
    const bool closing = m_mode == Mode::Close;
    RefusedControl::apply(m_day, !m_busy, m_refusal,
                          closing ? tr("The last day the close holds; it must be over")
                                  : tr("What is after this day becomes open again"));
    RefusedControl::apply(m_reason, !m_busy, m_refusal, tr("Why; kept in the audit log"));
    QString tip = closing ? tr("Close the ledger up to the end of the day") : tr("Reopen what is after the day");
    if (m_dayRefused)
        tip = closing ? m_preview->text() : tr("Nothing is closed: there is nothing to reopen");
    else if (m_reason->text().trimmed().isEmpty())
        tip = tr("Give a reason first");
    RefusedControl::apply(m_confirm, idle && !m_dayRefused && !m_reason->text().trimmed().isEmpty(), m_refusal, tip);
}

void PeriodDialog::confirm()
{
    if (!m_confirm->isEnabled())
        return;
    m_busy = true;
    updateControls();
    const QDate day = m_day->date();
    const QString reason = m_reason->text().trimmed();
    const bool closing = m_mode == Mode::Close;
    m_session->interactive()->post<ClosedPeriod>(
        this, closing ? PeriodJobs::close(day, reason) : PeriodJobs::reopen(day, reason),
        [this, closing](const Result<ClosedPeriod> &made) {
            m_busy = false;
            if (!made) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       (closing ? tr("The period was not closed: %1") : tr("Nothing was reopened: %1"))
                                           .arg(made.error().message));
                updateControls();
                return;
            }
            emit changed(
                closing ? tr("Closed up to %1: the totals of %n user(s) kept, %2 XP in all", nullptr, int(made->users))
                              .arg(dayText(made->day), XpFormat::total(made->sum))
                        : tr("Reopened after %1: the ledger is closed up to that day").arg(dayText(made->day)));
            accept();
        });
}
