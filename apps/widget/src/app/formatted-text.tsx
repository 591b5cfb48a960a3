// W6: a message's text as elements — links, bold, italic — from the one shared parser
// (@palique/client's parseMessage). Only elements and text nodes: user text never becomes HTML.
import { parseMessage, LINK_REL, LINK_TARGET, type FormatNode } from '@palique/client';

function renderNodes(nodes: FormatNode[]) {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'bold':
        return <strong key={i}>{renderNodes(node.children)}</strong>;
      case 'italic':
        return <em key={i}>{renderNodes(node.children)}</em>;
      case 'link':
        return (
          <a key={i} href={node.href} rel={LINK_REL} target={LINK_TARGET}>
            {node.text}
          </a>
        );
    }
  });
}

export function FormattedText({ text }: { text: string }) {
  return <>{renderNodes(parseMessage(text))}</>;
}
