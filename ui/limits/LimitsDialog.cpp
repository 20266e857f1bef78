#include "ui/limits/LimitsDialog.h"

#include "core/limits/LimitJobs.h"
#include "core/limits/LimitText.h"
#include "core/session/LedgerSession.h"
#include "models/XpFormat.h"
#include "ui/common/FieldNote.h"
#include "ui/common/InlineMessage.h"
#include "ui/common/RefusedControl.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

// The last entry of the "For" list: a person typed in the field beside it.
constexpr int PersonEntry = 3;

QString limitText(std::optional<qint64> value)
{
    return value ? LimitsDialog::tr("%1 XP").arg(XpFormat::total(*value)) : LimitsDialog::tr("no limit");
}

} // namespace

LimitsDialog::LimitsDialog(LedgerSession *session, const QString &refusal, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_refusal(refusal),
      m_yours(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_subject(new QComboBox(this)),
      m_person(new QLineEdit(this)),
      m_perChange(new QLineEdit(this)),
      m_perChangeNote(new FieldNote(this)),
      m_perDay(new QLineEdit(this)),
      m_perDayNote(new FieldNote(this)),
      m_message(new InlineMessage(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("LimitsDialog"));
    setWindowTitle(tr("Limits"));
    auto *intro = new QLabel(tr("The most XP one adjustment may move, up or down, and the most one person may move in "
                                "a day. Above either, an adjustment is not refused: it waits under Pending "
                                "Approvals for another admin. A person's own limit replaces their role's. The "
                                "limits are a setting of the database, shared by every desk; changing them is "
                                "recorded in the audit log."),
                             this);
    intro->setWordWrap(true);
    m_yours->setObjectName(QStringLiteral("yourLimits"));
    m_yours->setWordWrap(true);
    m_yours->setTextFormat(Qt::PlainText);
    m_yours->setText(tr("Your limits: reading…"));

    m_table->setObjectName(QStringLiteral("limitsTable"));
    m_table->setHorizontalHeaderLabels({tr("Limits of"), tr("Per change"), tr("Per day"), tr("Set by")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Subject, QHeaderView::Stretch);
    for (const int column : {PerChange, PerDay, SetBy})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    m_subject->setObjectName(QStringLiteral("subjectCombo"));
    for (const QString &role : LimitRules::roleKeys())
        m_subject->addItem(tr("Role: %1").arg(Roles::label(Roles::fromKey(role).value_or(Role::None))), role);
    m_subject->addItem(tr("A person:"));
    m_person->setObjectName(QStringLiteral("personEdit"));
    m_person->setPlaceholderText(tr("login, or operator on a local file"));
    m_perChange->setObjectName(QStringLiteral("perChangeEdit"));
    m_perDay->setObjectName(QStringLiteral("perDayEdit"));
    for (QLineEdit *edit : {m_perChange, m_perDay}) {
        edit->setPlaceholderText(tr("no limit"));
        edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("2,147,483,647")) + 24);
    }
    m_perChangeNote->setObjectName(QStringLiteral("perChangeNote"));
    m_perChangeNote->setHint(tr("XP, up or down, in one adjustment. Empty: no limit (for a person: their role's)."));
    m_perDayNote->setObjectName(QStringLiteral("perDayNote"));
    m_perDayNote->setHint(tr("XP a person moves in a local calendar day, held requests included unless rejected."));
    m_message->setObjectName(QStringLiteral("limitsMessage"));
    saveButton()->setObjectName(QStringLiteral("saveLimits"));

    auto *subjectRow = new QHBoxLayout;
    subjectRow->addWidget(m_subject);
    subjectRow->addWidget(m_person, 1);
    auto *form = new QFormLayout;
    auto *forLabel = new QLabel(tr("&For:"), this);
    forLabel->setBuddy(m_subject);
    auto *changeLabel = new QLabel(tr("Per &change:"), this);
    changeLabel->setBuddy(m_perChange);
    auto *dayLabel = new QLabel(tr("Per &day:"), this);
    dayLabel->setBuddy(m_perDay);
    form->addRow(forLabel, subjectRow);
    form->addRow(changeLabel, m_perChange);
    form->addRow(QString(), m_perChangeNote);
    form->addRow(dayLabel, m_perDay);
    form->addRow(QString(), m_perDayNote);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_yours);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumSize(680, 520);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &LimitsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_subject, &QComboBox::currentIndexChanged, this, &LimitsDialog::updateControls);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { fillForm(row); });
    connect(m_perChange, &QLineEdit::textEdited, m_perChangeNote, [this] { m_perChangeNote->setError({}); });
    connect(m_perDay, &QLineEdit::textEdited, m_perDayNote, [this] { m_perDayNote->setError({}); });
    if (!m_refusal.isEmpty())
        m_message->showMessage(InlineMessage::Kind::Info, m_refusal);
    updateControls();
    load();
}

QPushButton *LimitsDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

void LimitsDialog::load()
{
    m_session->interactive()->post<PersonLimits>(
        this, LimitJobs::connected(), [this](const Result<PersonLimits> &limits) {
            if (limits)
                showYours(*limits);
            else
                m_yours->setText(tr("Your limits could not be read: %1").arg(limits.error().message));
        });
    m_session->interactive()->post<QList<LimitRules::Rule>>(
        this, LimitJobs::rules(), [this](const Result<QList<LimitRules::Rule>> &rules) {
            if (!rules) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The limits could not be read: %1").arg(rules.error().message));
                return;
            }
            showRules(*rules);
            m_loaded = true;
            updateControls();
            emit loaded();
        });
}

void LimitsDialog::showYours(const PersonLimits &limits)
{
    m_yours->setText(
        tr("Your limits (%1, %2): %3.").arg(limits.person, Roles::label(limits.role), LimitText::room(limits)));
}

void LimitsDialog::showRules(const QList<LimitRules::Rule> &rules)
{
    // Every role has a row, set or not; persons only when they have their own limits.
    QList<LimitRules::Rule> rows;
    for (const QString &role : LimitRules::roleKeys()) {
        LimitRules::Rule rule;
        rule.subject = role;
        for (const LimitRules::Rule &set : rules) {
            if (set.scope == LimitRules::Scope::Role && set.subject == role)
                rule = set;
        }
        rows << rule;
    }
    for (const LimitRules::Rule &set : rules) {
        if (set.scope == LimitRules::Scope::Person)
            rows << set;
    }
    m_rules = rows;
    m_table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const LimitRules::Rule &rule = rows.at(row);
        const QString subject = rule.scope == LimitRules::Scope::Role
            ? tr("Role: %1").arg(Roles::label(Roles::fromKey(rule.subject).value_or(Role::None)))
            : tr("Person: %1").arg(rule.subject);
        const QStringList cells{subject, limitText(rule.limits.perChange), limitText(rule.limits.perDay),
                                rule.setOperator.isEmpty() ? QString() : rule.setOperator};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column == PerChange || column == PerDay)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
}

void LimitsDialog::fillForm(int row)
{
    if (row < 0 || row >= m_rules.size())
        return;
    const LimitRules::Rule &rule = m_rules.at(row);
    if (rule.scope == LimitRules::Scope::Role) {
        m_subject->setCurrentIndex(m_subject->findData(rule.subject));
        m_person->clear();
    } else {
        m_subject->setCurrentIndex(PersonEntry);
        m_person->setText(rule.subject);
    }
    m_perChange->setText(rule.limits.perChange ? QString::number(*rule.limits.perChange) : QString());
    m_perDay->setText(rule.limits.perDay ? QString::number(*rule.limits.perDay) : QString());
    m_perChangeNote->setError({});
    m_perDayNote->setError({});
}

void LimitsDialog::updateControls()
{
    const bool idle = m_loaded && !m_busy;
    const QString read = tr("Only an admin changes limits");
    RefusedControl::apply(m_subject, idle, m_refusal, tr("The role or person whose limits to change"));
    RefusedControl::apply(m_person, idle && m_subject->currentIndex() == PersonEntry, m_refusal,
                          tr("The person: their database login (PostgreSQL) or operator name (local file)"));
    RefusedControl::apply(m_perChange, idle, m_refusal, tr("The most XP one adjustment may move; empty: no limit"));
    RefusedControl::apply(m_perDay, idle, m_refusal, tr("The most XP the person may move in a day; empty: no limit"));
    RefusedControl::apply(saveButton(), idle, m_refusal, tr("Store these limits in the database, for every desk"));
    if (!m_refusal.isEmpty())
        m_table->setToolTip(read);
}

void LimitsDialog::save()
{
    if (m_busy || !m_loaded || !m_refusal.isEmpty())
        return;
    bool ok = true;
    const auto field = [&ok](QLineEdit *edit, FieldNote *note, const QString &name) -> std::optional<qint64> {
        note->setError({});
        const QString text = edit->text().trimmed();
        auto value = LimitPair::parseValue(name, text.isEmpty() ? QStringLiteral("none") : text);
        if (!value) {
            note->setError(value.error().message);
            if (ok)
                edit->setFocus();
            ok = false;
            return std::nullopt;
        }
        return *value;
    };
    LimitRules::Change change;
    change.perChange = field(m_perChange, m_perChangeNote, tr("Per change"));
    change.perDay = field(m_perDay, m_perDayNote, tr("Per day"));
    const bool person = m_subject->currentIndex() == PersonEntry;
    const QString subject = person ? m_person->text().trimmed() : m_subject->currentData().toString();
    if (person && subject.isEmpty()) {
        m_message->showMessage(InlineMessage::Kind::Error, tr("Name the person whose limits to set."));
        m_person->setFocus();
        return;
    }
    if (!ok)
        return;
    const auto scope = person ? LimitRules::Scope::Person : LimitRules::Scope::Role;
    m_busy = true;
    updateControls();
    m_message->showMessage(InlineMessage::Kind::Info, tr("Saving…"));
    m_session->interactive()->post<QList<LimitRules::Rule>>(
        this, LimitJobs::set(scope, subject, change),
        [this, scope, subject, change](const Result<QList<LimitRules::Rule>> &stored) {
            m_busy = false;
            updateControls();
            if (!stored) {
                m_message->showMessage(InlineMessage::Kind::Error,
                                       tr("The limits were not changed: %1").arg(stored.error().message));
                return;
            }
            showRules(*stored);
            m_message->clear();
            const QString whose
                = scope == LimitRules::Scope::Role ? tr("role %1").arg(subject) : tr("person %1").arg(subject);
            emit saved(tr("Limits of %1 saved: per change %2, per day %3")
                           .arg(whose, limitText(*change.perChange), limitText(*change.perDay)));
            m_session->interactive()->post<PersonLimits>(this, LimitJobs::connected(),
                                                         [this](const Result<PersonLimits> &limits) {
                                                             if (limits)
                                                                 showYours(*limits);
                                                         });
        });
}
