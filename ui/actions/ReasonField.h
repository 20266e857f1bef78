#pragma once

#include <QWidget>

class FieldNote;
class QLabel;
class QPlainTextEdit;

// The required reason of a change: a few lines of text, a character counter, and the field's
// error under it. Errors show once the person has typed in it or tried to confirm.
class ReasonField final : public QWidget
{
    Q_OBJECT

public:
    explicit ReasonField(QWidget *parent = nullptr);

    // The reason as it will be stored (surrounding blanks removed).
    QString text() const;
    void setText(const QString &text);
    // Empty when the reason is acceptable; otherwise what is wrong, in words.
    QString validationError() const;
    bool isValid() const { return validationError().isEmpty(); }
    // Shows the error even before the field was edited (the person tried to confirm).
    void revealError();
    QPlainTextEdit *editor() const { return m_edit; }

signals:
    void changed();

private:
    void refresh();

    QPlainTextEdit *m_edit;
    QLabel *m_counter;
    FieldNote *m_note;
    bool m_touched = false;
};
