#pragma once

#include <QFrame>

class QLabel;

// A calm coloured band inside a dialog that says what went wrong or needs a second look,
// next to what it is about, instead of a message box.
class InlineMessage final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Warning, Error };

    explicit InlineMessage(QWidget *parent = nullptr);

    // Shows the band with this text; an empty text hides it.
    void showMessage(Kind kind, const QString &text);
    void clear();
    Kind kind() const { return m_kind; }
    QString text() const;

private:
    void applyStyle();

    Kind m_kind = Kind::Info;
    QLabel *m_icon;
    QLabel *m_text;
};
