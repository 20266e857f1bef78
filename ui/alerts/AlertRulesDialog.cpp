#include "ui/alerts/AlertRulesDialog.h"

#include "core/alerts/AlertJobs.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/RefusedControl.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

AlertRulesDialog::AlertRulesDialog(LedgerSession *session, const QString &refusal, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_refusal(refusal),
      m_changeOn(new QCheckBox(tr("Alert on a single &change above"), this)),
      m_change(new QLineEdit(this)),
      m_changeNote(new FieldNote(this)),
      m_hourOn(new QCheckBox(tr("Alert when one actor makes &more than"), this)),
      m_hour(new QLineEdit(this)),
      m_hourNote(new FieldNote(this)),
      m_direct(new QCheckBox(tr("Alert on a &direct change of a total in the database"), this)),
      m_message(new InlineMessage(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("AlertRulesDialog"));
    setWindowTitle(tr("Alert Rules"));
    auto *intro = new QLabel(tr("Alerts appear in every desk's window as the changes happen (View > Alerts), and "
                                "in xpadmin-cli watch --alerts. The rules are a setting of the database, shared by "
                                "every desk; changing them is recorded in the audit log."),
                             this);
    intro->setWordWrap(true);
    m_changeOn->setObjectName(QStringLiteral("maxChangeEnabled"));
    m_change->setObjectName(QStringLiteral("maxChangeEdit"));
    m_change->setPlaceholderText(QStringLiteral("1000"));
    m_changeNote->setObjectName(QStringLiteral("maxChangeNote"));
    m_changeNote->setHint(tr("Up or down: an award, an adjustment, a rollback or a row changed in the database."));
    m_hourOn->setObjectName(QStringLiteral("maxPerHourEnabled"));
    m_hour->setObjectName(QStringLiteral("maxPerHourEdit"));
    m_hour->setPlaceholderText(QStringLiteral("50"));
    m_hourNote->setObjectName(QStringLiteral("maxPerHourNote"));
    m_hourNote->setHint(tr("Counted per database login or web app role; the alert comes once, at the first change "
                           "over the limit."));
    m_direct->setObjectName(QStringLiteral("directTotalBox"));
    auto *directNote = new FieldNote(this);
    directNote->setHint(tr("A cached total changed with no transaction behind it, as by a console UPDATE."));
    m_message->setObjectName(QStringLiteral("alertRulesMessage"));
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveAlertRules"));

    auto *grid = new QGridLayout;
    grid->setColumnStretch(3, 1);
    grid->addWidget(m_changeOn, 0, 0);
    grid->addWidget(m_change, 0, 1);
    grid->addWidget(new QLabel(tr("XP"), this), 0, 2);
    grid->addWidget(m_changeNote, 1, 0, 1, 4);
    grid->addWidget(m_hourOn, 2, 0);
    grid->addWidget(m_hour, 2, 1);
    grid->addWidget(new QLabel(tr("changes within an hour"), this), 2, 2);
    grid->addWidget(m_hourNote, 3, 0, 1, 4);
    grid->addWidget(m_direct, 4, 0, 1, 4);
    grid->addWidget(directNote, 5, 0, 1, 4);
    m_change->setMaximumWidth(m_change->fontMetrics().horizontalAdvance(QStringLiteral("2,147,483,647")) + 24);
    m_hour->setMaximumWidth(m_change->maximumWidth());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(grid);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(640);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AlertRulesDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_changeOn, &QCheckBox::toggled, this, &AlertRulesDialog::updateControls);
    connect(m_hourOn, &QCheckBox::toggled, this, &AlertRulesDialog::updateControls);
    connect(m_change, &QLineEdit::textEdited, m_changeNote, [this] { m_changeNote->setError({}); });
    connect(m_hour, &QLineEdit::textEdited, m_hourNote, [this] { m_hourNote->setError({}); });
    if (!m_refusal.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Info, m_refusal);
    updateControls();

    m_session->interactive()->post<AlertRules>(this, AlertJobs::rules(), [this](const Result<AlertRules> &rules) {
        if (!rules) {
            m_message->showMessage(InlineMessage::Kind::Error,
                                   tr("The alert rules could not be read: %1").arg(rules.error().message));
            return;
        }
        showRules(*rules);
        m_loaded = true;
        updateControls();
        emit loaded();
    });
}

QPushButton *AlertRulesDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

void AlertRulesDialog::showRules(const AlertRules &rules)
{
    m_changeOn->setChecked(rules.maxChange > 0);
    m_change->setText(rules.maxChange > 0 ? QString::number(rules.maxChange) : QString());
    m_hourOn->setChecked(rules.maxPerHour > 0);
    m_hour->setText(rules.maxPerHour > 0 ? QString::number(rules.maxPerHour) : QString());
    m_direct->setChecked(rules.directTotal);
}

void AlertRulesDialog::updateControls()
{
    const bool idle = m_loaded && !m_busy;
    RefusedControl::apply(m_changeOn, idle, m_refusal, tr("Off: no alert for a change, however large"));
    RefusedControl::apply(m_change, idle && m_changeOn->isChecked(), m_refusal,
                          tr("A change whose amount, up or down, is above this raises an alert"));
    RefusedControl::apply(m_hourOn, idle, m_refusal, tr("Off: no alert for many changes by one actor"));
    RefusedControl::apply(m_hour, idle && m_hourOn->isChecked(), m_refusal,
                          tr("One actor making more changes than this within an hour raises an alert"));
    RefusedControl::apply(m_direct, idle, m_refusal,
                          tr("A total changed in the database without a transaction raises an alert"));
    RefusedControl::apply(saveButton(), idle, m_refusal, tr("Store the rules in the database, for every desk"));
}

std::optional<AlertRules> AlertRulesDialog::typedRules()
{
    AlertRules rules;
    bool ok = true;
    const auto field
        = [&ok](QCheckBox *on, QLineEdit *edit, FieldNote *note, const QString &name, qint64 limit) -> qint64 {
        note->setError({});
        if (!on->isChecked())
            return 0;
        auto value = AlertRules::parseLimit(name, edit->text(), limit);
        if (!value || *value == 0) {
            note->setError(value ? tr("Give the %1 as a whole number above 0, or turn the rule off").arg(name)
                                 : value.error().message);
            if (ok)
                edit->setFocus();
            ok = false;
            return 0;
        }
        return *value;
    };
    rules.maxChange
        = field(m_changeOn, m_change, m_changeNote, tr("largest single change"), AlertRules::MaxChangeLimit);
    rules.maxPerHour
        = field(m_hourOn, m_hour, m_hourNote, tr("number of changes an hour"), AlertRules::MaxPerHourLimit);
    rules.directTotal = m_direct->isChecked();
    if (!ok)
        return std::nullopt;
    return rules;
}

void AlertRulesDialog::save()
{
    if (m_busy || !m_loaded || !m_refusal.isEmpty())
        return;
    const auto rules = typedRules();
    if (!rules)
        return;
    m_busy = true;
    updateControls();
    m_message->showMessage(InlineMessage::Kind::Info, tr("Saving…"));
    m_session->interactive()->post<AlertRules>(
        this, AlertJobs::setRules(*rules), [this](const Result<AlertRules> &stored) {
            m_busy = false;
            updateControls();
            if (!stored) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The alert rules were not changed: %1").arg(stored.error().message));
                return;
            }
            showRules(*stored);
            m_message->clear();
            emit saved(tr("Alert rules saved: %1").arg(stored->summary()));
            accept();
        });
}
