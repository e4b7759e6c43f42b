import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { cn } from '@/components/ui/cn';

// GitHub's sanitization schema: no raw HTML, scripts, event handlers or javascript: URLs survive.
const schema = { ...defaultSchema, protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] } };

/** User-written markdown, rendered inert. */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn('prose-apx', className)}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeSanitize, schema]]}
        components={{
          a: ({ node: _node, ...props }) => <a {...props} rel="nofollow ugc noopener noreferrer" target="_blank" />,
          // A code block scrolls sideways: keyboard users reach it, screen readers hear what it is.
          pre: ({ node: _node, ...props }) => <pre {...props} tabIndex={0} role="region" aria-label="Code block" />,
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
